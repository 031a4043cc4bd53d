/**
 * The invented outlets of the demo wire. Each has its own voice (headline casing, a wire
 * dateline, a sign-off) so coverage of one event reads differently from outlet to outlet
 * while naming the same people, places and figures: enough for story clustering to work on.
 */
export const OUTLET_SLUGS = [
  "harbour-courier",
  "veloria-today",
  "northwind-wire",
  "daily-meridian",
  "tech-ledger",
  "science-post",
] as const;
export type OutletSlug = (typeof OUTLET_SLUGS)[number];

export interface DemoOutlet {
  slug: OutletSlug;
  name: string;
  initials: string;
  /** Background of its placeholder images and its page header. */
  colour: string;
  tagline: string;
  reporters: readonly string[];
  headlineCase: "sentence" | "title";
  /** Wire style: "MARROWGATE (Northwind) – " before the first paragraph. */
  dateline: string | null;
  signOff: ((author: string, org: string) => string) | null;
}

export const OUTLETS: Readonly<Record<OutletSlug, DemoOutlet>> = {
  "harbour-courier": {
    slug: "harbour-courier",
    name: "The Harbour Courier",
    initials: "HC",
    colour: "#1f5f8b",
    tagline: "Marrowgate's paper since 1887",
    reporters: ["Agnes Pelham", "Tobias Grier", "Maren Holt"],
    headlineCase: "title",
    dateline: null,
    signOff: null,
  },
  "veloria-today": {
    slug: "veloria-today",
    name: "Veloria Today",
    initials: "VT",
    colour: "#b3392f",
    tagline: "News from across the republic",
    reporters: ["Lina Castellano", "Oren Vasko", "Sabine Roux"],
    headlineCase: "title",
    dateline: null,
    signOff: null,
  },
  "northwind-wire": {
    slug: "northwind-wire",
    name: "Northwind Wire",
    initials: "NW",
    colour: "#2e6b4f",
    tagline: "The agency for the northern coast",
    reporters: ["Erik Stavros", "Hana Kowal", "Northwind Wire staff"],
    headlineCase: "sentence",
    dateline: "Northwind",
    signOff: (author) => `(Reporting by ${author}; editing by Paul Bremner)`,
  },
  "daily-meridian": {
    slug: "daily-meridian",
    name: "Daily Meridian",
    initials: "DM",
    colour: "#6b4fa0",
    tagline: "The day, explained",
    reporters: ["Clara Whitfield", "Daniel Osei", "Freya Lund"],
    headlineCase: "sentence",
    dateline: null,
    signOff: null,
  },
  "tech-ledger": {
    slug: "tech-ledger",
    name: "Tech Ledger",
    initials: "TL",
    colour: "#c27c12",
    tagline: "Technology, business and the money behind them",
    reporters: ["Ravi Menon", "Julia Sandberg", "Kai Moreau"],
    headlineCase: "sentence",
    dateline: null,
    signOff: (_author, org) => `Tech Ledger has contacted ${org} for further comment.`,
  },
  "science-post": {
    slug: "science-post",
    name: "Science Post",
    initials: "SP",
    colour: "#2f8f9d",
    tagline: "Discoveries, explained by people who check",
    reporters: ["Elin Sorensen", "Marcus Bell", "Yara Nilsen"],
    headlineCase: "sentence",
    dateline: null,
    signOff: null,
  },
};

export function isOutletSlug(value: string): value is OutletSlug {
  return (OUTLET_SLUGS as readonly string[]).includes(value);
}
