/**
 * The least SSE parsing a benchmark client needs: splits a stream into frames (ended by a
 * blank line) and hands each frame's id, event name (`message` when it has none) and raw
 * text to `onFrame`. Comments (heartbeats) and bare `retry:` frames are skipped. Frames
 * written with `\n` only, as Dispatch and the ceiling write them.
 */
export function sseReader(
  onFrame: (id: string | null, event: string, frame: string) => void,
): (chunk: string) => void {
  let buffer = "";
  return (chunk) => {
    buffer += chunk;
    for (;;) {
      const end = buffer.indexOf("\n\n");
      if (end < 0) return;
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let id: string | null = null;
      let event = "message";
      for (const line of frame.split("\n")) {
        if (line.startsWith("id:")) id = line.slice(line.startsWith("id: ") ? 4 : 3);
        else if (line.startsWith("event:")) event = line.slice(line.startsWith("event: ") ? 7 : 6);
      }
      if (id === null && !frame.includes("data:")) continue;
      onFrame(id, event, frame);
    }
  };
}

/** The `data:` lines of a frame joined by newlines, as EventSource delivers them. */
export function frameData(frame: string): string {
  return frame
    .split("\n")
    .filter((line) => line.startsWith("data:"))
    .map((line) => line.slice(line.startsWith("data: ") ? 6 : 5))
    .join("\n");
}
