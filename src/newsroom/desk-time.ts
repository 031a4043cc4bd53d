/** An ISO time as the desk shows it: minutes, in UTC, the same for everyone. */
export function deskTime(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

/** `deskTime`, or "never" for a time that has not come yet. */
export function deskTimeOrNever(iso: string | null): string {
  return iso ? deskTime(iso) : "never";
}
