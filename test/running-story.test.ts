// A story stays open while it receives reports: one event reported over ten days is one
// story, and two events of one kind a week apart (two earthquakes) are two. Through the
// published command, as an operator would run it (`dispatch cluster --json`).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";

const BIN = new URL("../bin/dispatch.js", import.meta.url).pathname;
const DAY = 86_400_000;
const START = Date.parse("2026-02-02T06:00:00Z");
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Report {
  id: string;
  source: string;
  /** Days after START. */
  day: number;
  title: string;
  text: string;
}

/** A wildfire that burns, is fought and investigated for ten days: reports on days 0 to 9. */
const FIRE: Report[] = [
  {
    id: "fire-1",
    source: "Reuters",
    day: 0,
    title: "Wildfire tears through hills above Viña del Mar, thousands flee",
    text: "A fast-moving wildfire swept through hillside neighbourhoods above Viña del Mar in Chile's Valparaíso region on Sunday, forcing thousands of residents to flee as strong winds drove the flames towards the city.\n\nFirefighters and soldiers were deployed to the area, and the regional government ordered the evacuation of several districts.",
  },
  {
    id: "fire-2",
    source: "BBC News",
    day: 0.3,
    title: "Chile wildfire: residents of Viña del Mar ordered to evacuate",
    text: "Authorities in Chile have ordered residents of parts of Viña del Mar to leave their homes as a wildfire spread from forested hills in the Valparaíso region into populated areas.\n\nThe fire, fanned by winds and high temperatures, has already destroyed hundreds of homes, officials said.",
  },
  {
    id: "fire-3",
    source: "El País English",
    day: 1,
    title: "Death toll from Valparaíso wildfire rises as flames reach Viña del Mar",
    text: "The number of people killed by the wildfire in Chile's Valparaíso region rose on Monday as rescuers reached neighbourhoods of Viña del Mar that had been cut off by the flames.\n\nPresident Gabriel Boric declared a state of emergency in the region and promised aid to families who lost their homes.",
  },
  {
    id: "fire-4",
    source: "Associated Press",
    day: 2,
    title: "Boric visits Viña del Mar as Chile wildfire death toll climbs",
    text: "Chilean President Gabriel Boric toured burned-out streets of Viña del Mar on Tuesday, as forensic teams worked to identify victims of the wildfire that swept through the Valparaíso region over the weekend.\n\nThousands of homes were destroyed and many residents remain in shelters.",
  },
  {
    id: "fire-5",
    source: "Al Jazeera",
    day: 3,
    title: "Chile wildfire: Valparaíso survivors search ruins of Viña del Mar homes",
    text: "Survivors of the wildfire in Chile's Valparaíso region returned on Wednesday to the hills of Viña del Mar to search what was left of their homes, as the government began clearing debris.\n\nThe fire was one of the deadliest in the country's history, officials said.",
  },
  {
    id: "fire-6",
    source: "The Guardian",
    day: 4,
    title: "Prosecutors open arson inquiry into Viña del Mar wildfire",
    text: "Chilean prosecutors have opened an investigation into whether the wildfire that devastated Viña del Mar and other parts of the Valparaíso region was started deliberately.\n\nInvestigators said the fire appeared to have begun at several points at once in the hills above the city.",
  },
  {
    id: "fire-7",
    source: "Reuters",
    day: 5,
    title: "Chile's Boric promises to rebuild Viña del Mar after deadly wildfire",
    text: "President Gabriel Boric said on Friday his government would rebuild the neighbourhoods of Viña del Mar destroyed by the wildfire in the Valparaíso region, announcing emergency payments to families who lost their homes.\n\nFirefighters were still putting out hotspots in the hills.",
  },
  {
    id: "fire-8",
    source: "France 24",
    day: 6,
    title: "Volunteers flock to Viña del Mar to help wildfire victims",
    text: "Thousands of volunteers travelled to Viña del Mar over the weekend to help clear rubble and hand out food to victims of the wildfire that tore through the Valparaíso region of Chile a week ago.\n\nThe government said the fire was now under control.",
  },
  {
    id: "fire-9",
    source: "Associated Press",
    day: 7.5,
    title: "Firefighter detained over Viña del Mar wildfire that killed scores",
    text: "Chilean police detained a volunteer firefighter suspected of starting the wildfire that swept through Viña del Mar and the Valparaíso region, prosecutors said on Monday.\n\nThe suspect is accused of setting fires at several points in the hills above the city.",
  },
  {
    id: "fire-10",
    source: "BBC News",
    day: 9,
    title: "Chile wildfire suspect appears in court in Valparaíso",
    text: "A man accused of starting the wildfire that killed scores of people in Viña del Mar appeared in court in Valparaíso on Wednesday, where prosecutors said they had evidence linking him to the fires.\n\nThe court ordered him held in custody while the investigation into the Chile wildfire continues.",
  },
];

/** Two earthquakes a week apart, in two countries. */
const QUAKES: Report[] = [
  {
    id: "quake-a1",
    source: "Reuters",
    day: 0,
    title: "Magnitude 7.4 earthquake strikes Hualien, Taiwan; buildings collapse",
    text: "A magnitude 7.4 earthquake struck off the coast of Hualien in eastern Taiwan on Wednesday morning, toppling buildings, setting off landslides and killing at least nine people, Taiwan's fire agency said.\n\nThe quake, the strongest to hit Taiwan in 25 years, was felt across the island, including in Taipei.",
  },
  {
    id: "quake-a2",
    source: "BBC News",
    day: 0.2,
    title: "Taiwan earthquake: rescuers search for trapped people in Hualien",
    text: "Rescuers in Taiwan were searching for people trapped in collapsed buildings and tunnels in Hualien after a powerful earthquake struck the east of the island.\n\nThe magnitude 7.4 quake killed at least nine people and injured more than 800, officials in Taipei said.",
  },
  {
    id: "quake-a3",
    source: "Associated Press",
    day: 1,
    title: "Hundreds stranded in Taroko Gorge after Taiwan earthquake",
    text: "Hundreds of people were stranded in Taroko Gorge near Hualien after Wednesday's magnitude 7.4 earthquake in Taiwan blocked roads with landslides, officials said.\n\nHelicopters flew supplies to hotel guests and workers cut off in the national park.",
  },
  {
    id: "quake-b1",
    source: "Reuters",
    day: 7,
    title: "Magnitude 7.5 earthquake hits Ishikawa, Japan; tsunami warning issued",
    text: "A magnitude 7.5 earthquake struck the Noto peninsula in Ishikawa prefecture on Japan's west coast on Wednesday, collapsing houses, starting fires and prompting a tsunami warning, the Japan Meteorological Agency said.\n\nSeveral people were killed in Wajima and Suzu, local officials said.",
  },
  {
    id: "quake-b2",
    source: "BBC News",
    day: 7.2,
    title: "Japan earthquake: fires and collapsed houses in Wajima",
    text: "A fire swept through the old town of Wajima in Ishikawa after a powerful earthquake struck Japan's Noto peninsula, destroying houses and a market.\n\nPrime Minister's office said rescuers were struggling to reach the peninsula, where roads had been cut by the magnitude 7.5 quake.",
  },
  {
    id: "quake-b3",
    source: "Associated Press",
    day: 8,
    title: "Death toll from Noto earthquake in Japan rises",
    text: "The number of people killed by the magnitude 7.5 earthquake on Japan's Noto peninsula in Ishikawa rose on Thursday as rescuers reached villages cut off by landslides near Wajima and Suzu.\n\nThousands of people spent the night in evacuation centres.",
  },
];

function clusterStories(reports: readonly Report[]): Map<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), "dispatch-running-"));
  dirs.push(dir);
  const file = path.join(dir, "in.jsonl");
  const lines = [...reports]
    .sort((a, b) => a.day - b.day)
    .map(({ day, ...r }) =>
      JSON.stringify({ ...r, published: new Date(START + day * DAY).toISOString() }),
    );
  writeFileSync(file, `${lines.join("\n")}\n`);
  const run = spawnSync(process.execPath, [BIN, "cluster", file, "--json"], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  const into = new Map<string, string>();
  const story = new Map<string, string>();
  for (const line of run.stdout.split("\n").filter((l) => l.trim() !== "")) {
    const o = JSON.parse(line) as {
      id?: string;
      story?: string;
      merged?: string;
      into?: string;
      error?: unknown;
    };
    assert.equal(o.error, undefined, line);
    if (o.merged !== undefined && o.into !== undefined) into.set(o.merged, o.into);
    else if (o.id !== undefined && o.story !== undefined) story.set(o.id, o.story);
  }
  const survivor = (s: string): string => {
    let at = s;
    for (let next = into.get(at); next !== undefined; next = into.get(at)) at = next;
    return at;
  };
  return new Map([...story].map(([id, s]) => [id, survivor(s)]));
}

test("reports of one wildfire over ten days, from seven outlets, are one story", () => {
  const stories = clusterStories(FIRE);
  assert.equal(stories.size, FIRE.length);
  assert.deepEqual(new Set(stories.values()), new Set(["fire-1"]), JSON.stringify([...stories]));
});

test("two earthquakes a week apart, in Taiwan and in Japan, stay two stories", () => {
  const stories = clusterStories(QUAKES);
  const seen = JSON.stringify([...stories]);
  const taiwan = new Set(["quake-a1", "quake-a2", "quake-a3"].map((id) => stories.get(id)));
  const japan = new Set(["quake-b1", "quake-b2", "quake-b3"].map((id) => stories.get(id)));
  for (const s of taiwan) assert.ok(!japan.has(s), `a story holds both earthquakes: ${seen}`);
  assert.equal(stories.get("quake-a2"), "quake-a1", seen);
  for (const id of ["quake-b2", "quake-b3"]) assert.equal(stories.get(id), "quake-b1", seen);
  // Alone (six articles, so little IDF to go on) the Taroko Gorge follow-up may stand apart;
  // in a fuller stream (below) it joins its earthquake.
});

test("the ten-day story and the two earthquakes in one stream keep apart", () => {
  const stories = clusterStories([...FIRE, ...QUAKES]);
  assert.deepEqual(new Set(stories.values()), new Set(["fire-1", "quake-a1", "quake-b1"]));
});
