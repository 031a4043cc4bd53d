import { writeFileSync } from "node:fs";
import path from "node:path";

const PLACES = ["Lisbon", "Nairobi", "Osaka", "Quito", "Tallinn", "Accra", "Hobart", "Leipzig"];
const TOPICS = [
  "council approves flood defences after a wet winter",
  "port strike enters its third day as talks stall",
  "central bank holds rates and signals patience",
  "researchers map a new reef off the coast",
  "rail line reopens after a year of repairs",
  "court orders a recount in a disputed district",
  "heatwave strains hospitals and power grid",
  "startup fund raises record sum for clean energy",
];

const PARAGRAPH =
  "Officials said the decision followed months of consultation with residents, business groups and " +
  "engineers, and that the first results would be visible before the end of the year. Critics argued " +
  "the plan was late and underfunded, while supporters called it the most serious attempt in a decade.";

/**
 * Writes `count` small ninjs 2.0 items (distinct uri, headline and publication time) so
 * the home page lists a full page of stories, as it would in production.
 */
export function writeGeneratedArticles(dir: string, count: number, now = new Date()): string[] {
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const place = PLACES[i % PLACES.length] ?? "Somewhere";
    const topic = TOPICS[Math.floor(i / PLACES.length) % TOPICS.length] ?? "news";
    const created = new Date(now.getTime() - (i + 1) * 47 * 60_000).toISOString();
    const item = {
      $schema: "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json",
      uri: `urn:bench:generated:${i}`,
      type: "text",
      pubstatus: "usable",
      language: "en",
      firstcreated: created,
      versioncreated: created,
      headlines: [{ role: "main", value: `${place}: ${topic} (${i + 1})` }],
      descriptions: [
        { role: "summary", value: `What we know so far about the story from ${place}.` },
      ],
      bodies: [
        {
          role: "main",
          contenttype: "text/html",
          value: Array.from({ length: 3 + (i % 4) }, () => `<p>${PARAGRAPH}</p>`).join("\n"),
        },
      ],
    };
    const file = path.join(dir, `generated-${String(i).padStart(2, "0")}.ninjs.json`);
    writeFileSync(file, JSON.stringify(item));
    files.push(file);
  }
  return files;
}
