import assert from "node:assert/strict";
import { test } from "node:test";
import type { ClusterArticle } from "./cluster-article.ts";
import { PLACEMENT_MODEL } from "./placement-model.ts";
import { StoryIndex } from "./story-index.ts";

const QUAKE_REUTERS: ClusterArticle = {
  id: "quake-1",
  source: "Reuters",
  published: "2025-03-10T02:05:00Z",
  title: "Magnitude 6.2 earthquake strikes eastern Turkey, at least 9 dead",
  text: `ANKARA (Reuters) - A magnitude 6.2 earthquake struck Malatya province in eastern Turkey early on Monday, killing at least nine people and injuring more than 150, the country's disaster agency AFAD said.

The quake hit at 4:17 a.m. local time at a depth of about 10 km, with its epicentre near the town of Yesilyurt, AFAD said. Several buildings that had been damaged in the February 2023 earthquakes collapsed.`,
};
const QUAKE_ALJAZEERA: ClusterArticle = {
  id: "quake-2",
  source: "Al Jazeera",
  published: "2025-03-10T03:40:00Z",
  title: "Deadly quake hits Turkey's Malatya, buildings collapse",
  text: `A powerful earthquake has shaken eastern Turkey, toppling buildings in Malatya and sending terrified residents into the streets before dawn.

At least 11 people were killed and 180 injured, according to Turkey's Disaster and Emergency Management Authority (AFAD), which put the magnitude at 6.2. The epicentre was in Yesilyurt district, a region still rebuilding after the 2023 disaster.`,
};
const QUAKE_JAPAN: ClusterArticle = {
  id: "quake-3",
  source: "Kyodo News",
  published: "2025-03-10T09:10:00Z",
  title: "M6.8 quake off Miyagi triggers tsunami advisory",
  text: `TOKYO (Kyodo) -- A magnitude 6.8 earthquake struck off Miyagi Prefecture in northeastern Japan on Tuesday evening, prompting the Japan Meteorological Agency to issue a tsunami advisory for the Pacific coast.

The quake, which occurred at 6:02 p.m. at a depth of about 50 kilometers, registered upper 5 on Japan's seismic intensity scale in the city of Ishinomaki. Several buildings were damaged.`,
};
const MATCH_ARSENAL: ClusterArticle = {
  id: "match-1",
  source: "BBC Sport",
  published: "2025-03-09T18:40:00Z",
  title: "Arsenal 3-1 Aston Villa: Saka double keeps Gunners in title hunt",
  text: `Bukayo Saka scored twice as Arsenal came from behind to beat Aston Villa at the Emirates Stadium and move to within five points of Premier League leaders Liverpool.

Ollie Watkins gave Villa a shock lead in the 12th minute, but Saka levelled from the penalty spot before half-time. Gabriel Martinelli sealed the win in stoppage time.`,
};
const MATCH_CITY: ClusterArticle = {
  id: "match-2",
  source: "Sky Sports",
  published: "2025-03-09T18:50:00Z",
  title: "Man City 1-1 Nottingham Forest: Chris Wood earns Forest a point at the Etihad",
  text: `Chris Wood's late header earned Nottingham Forest a 1-1 draw at Manchester City, denting Pep Guardiola's hopes of a top-four finish in the Premier League.

Erling Haaland had put City ahead from the penalty spot in the 55th minute. But Wood rose highest to meet Anthony Elanga's cross with six minutes remaining, his 18th league goal of the season.`,
};

test("two outlets' different wording of one event make one story", () => {
  const index = new StoryIndex();
  const first = index.add(QUAKE_REUTERS);
  assert.equal(first.isNewStory, true);
  assert.equal(first.story.id, "quake-1");
  const second = index.add(QUAKE_ALJAZEERA);
  assert.equal(second.isNewStory, false);
  assert.equal(second.duplicateOf, null);
  assert.equal(second.story.id, "quake-1");
  assert.equal(second.story.sourceCount, 2);
  assert.deepEqual(
    second.story.timeline.map((e) => [e.articleId, e.source]),
    [
      ["quake-1", "Reuters"],
      ["quake-2", "Al Jazeera"],
    ],
  );
});

test("two events of the same kind stay two stories", () => {
  const index = new StoryIndex();
  index.add(QUAKE_REUTERS);
  index.add(QUAKE_ALJAZEERA);
  const japan = index.add(QUAKE_JAPAN);
  assert.equal(japan.isNewStory, true);
  assert.equal(japan.story.id, "quake-3");
  index.add(MATCH_ARSENAL);
  const city = index.add(MATCH_CITY);
  assert.equal(city.isNewStory, true);
  assert.equal(city.story.id, "match-2");
  assert.equal(index.storyCount, 4);
});

test("a copy on another outlet is a duplicate of the earlier article, in its story", () => {
  const index = new StoryIndex();
  index.add(QUAKE_REUTERS);
  const copy = index.add({
    ...QUAKE_REUTERS,
    id: "yahoo-copy",
    source: "Yahoo News",
    title: "Turkey quake kills at least nine",
    published: "2025-03-10T02:30:00Z",
  });
  assert.equal(copy.duplicateOf, "quake-1");
  assert.equal(copy.story.id, "quake-1");
  assert.equal(copy.story.timeline[1]?.duplicateOf, "quake-1");
  // A copy of the copy points at the original.
  const again = index.add({
    ...QUAKE_REUTERS,
    id: "third",
    source: "MSN",
    published: "2025-03-10T03:00:00Z",
  });
  assert.equal(again.duplicateOf, "quake-1");
  const byUrl = index.add({
    ...QUAKE_JAPAN,
    id: "same-url-1",
    canonicalUrl: "https://example.com/quake",
  });
  const sameUrl = index.add({
    ...MATCH_CITY,
    id: "same-url-2",
    canonicalUrl: "https://example.com/quake",
  });
  assert.equal(sameUrl.duplicateOf, byUrl.story.leadArticleId);
});

test("a story counts distinct sources, leads with the weightiest source, and has a velocity", () => {
  const index = new StoryIndex({
    sourceWeight: (s) => (s === "Al Jazeera" ? 2 : 1),
    velocityHours: 2,
  });
  index.add(QUAKE_REUTERS);
  const { story } = index.add(QUAKE_ALJAZEERA);
  const update = index.add({
    ...QUAKE_REUTERS,
    id: "quake-1b",
    published: "2025-03-10T04:00:00Z",
    title: "Turkey earthquake toll rises to 14 in Malatya",
    text: `ANKARA (Reuters) - The death toll from the magnitude 6.2 earthquake in Malatya province in eastern Turkey rose to 14, AFAD said, as rescuers searched collapsed buildings in Yesilyurt for survivors through the night.`,
  });
  assert.equal(update.story.id, "quake-1");
  assert.equal(story.title, QUAKE_ALJAZEERA.title);
  assert.equal(update.story.leadArticleId, "quake-2");
  assert.equal(update.story.articleCount, 3);
  assert.equal(update.story.sourceCount, 2, "Reuters twice is still two sources");
  assert.equal(update.story.firstSeen, "2025-03-10T02:05:00.000Z");
  assert.equal(update.story.lastSeen, "2025-03-10T04:00:00.000Z");
  // In the two hours up to 04:00: Al Jazeera (03:40) and Reuters (04:00).
  assert.equal(update.story.velocity, 1);
});

test("adding a known id again returns its placement without re-deciding", () => {
  const index = new StoryIndex();
  index.add(QUAKE_REUTERS);
  index.add(QUAKE_ALJAZEERA);
  const again = index.add(QUAKE_ALJAZEERA);
  assert.equal(again.story.id, "quake-1");
  assert.equal(again.isNewStory, false);
  assert.equal(index.articleCount, 2);
});

test("articles further apart than the window never join; evict forgets the old ones", () => {
  const index = new StoryIndex({ windowHours: 1 });
  index.add(QUAKE_REUTERS);
  const late = index.add(QUAKE_ALJAZEERA); // 95 minutes later
  assert.equal(late.isNewStory, true);

  const wide = new StoryIndex();
  wide.add(QUAKE_REUTERS);
  wide.add(QUAKE_ALJAZEERA);
  wide.add(MATCH_ARSENAL);
  assert.equal(wide.evict("2025-03-10T03:00:00Z"), 2);
  assert.equal(wide.articleCount, 1);
  assert.equal(wide.story("match-1"), undefined);
  const left = wide.story("quake-1");
  assert.equal(left?.leadArticleId, "quake-2", "the lead moves to a remaining article");
  assert.equal(left?.id, "quake-1", "the story keeps its id");
  assert.equal(left?.firstSeen, "2025-03-10T02:05:00.000Z");
  // The remaining article still gathers new coverage; the evicted one is no duplicate target.
  const copy = wide.add({ ...QUAKE_REUTERS, id: "late-copy", published: "2025-03-10T05:00:00Z" });
  assert.equal(copy.duplicateOf, null);
  assert.equal(copy.story.id, "quake-1");
  assert.throws(() => wide.evict("not a date"), { code: "invalid_date" });
});

test("restore rebuilds placements without searching; new articles then join them", () => {
  const index = new StoryIndex();
  index.restore(QUAKE_REUTERS, { story: "stored-story-7" });
  index.restore(QUAKE_JAPAN, { story: "stored-story-7" });
  assert.equal(index.storyOf("quake-3"), "stored-story-7", "kept as stored, even if unlike");
  const next = index.add(QUAKE_ALJAZEERA);
  assert.equal(next.story.id, "stored-story-7");
  assert.equal(next.story.articleCount, 3);
});

test("options are checked", () => {
  assert.throws(() => new StoryIndex({ threshold: 0 }), { code: "invalid_option" });
  assert.throws(() => new StoryIndex({ windowHours: -1 }), { code: "invalid_option" });
  assert.throws(() => new StoryIndex().add({ ...QUAKE_REUTERS, published: "soon" }), {
    code: "invalid_field",
  });
});

test("templated items about two places are neither copies nor one story", () => {
  const template = (town: string, id: string): ClusterArticle => ({
    id,
    source: "Harbour Courier",
    published: "2026-03-01T10:00:00Z",
    title: `${town} library reopens after two-year renovation`,
    text: `The public library in ${town} has reopened its doors after a two-year renovation that added a children's wing, a small recording studio and new study spaces.

The building, which dates from 1911, had been closed since a leaking roof damaged part of its collection. Volunteers spent months drying and cataloguing more than 400 rescued books, and opening hours now include Sunday afternoons.`,
  });
  const index = new StoryIndex();
  index.add(template("Saltbridge", "lib-1"));
  const other = index.add(template("Harrowby", "lib-2"));
  assert.equal(other.duplicateOf, null);
  assert.equal(other.isNewStory, true);
});

// The Valencia floods of October 2024 as five outlets might have told them in one morning.
const FLOOD: ClusterArticle[] = [
  {
    id: "flood-1",
    source: "Reuters",
    published: "2024-10-30T08:00:00Z",
    title: "Flash floods kill dozens in eastern Spain",
    text: `VALENCIA, Spain (Reuters) - Flash floods after torrential rain killed at least 51 people in the Valencia region of eastern Spain, emergency services said on Wednesday, as rescuers searched for people trapped in cars and homes.

A year's worth of rain fell in eight hours in parts of the region, the state weather agency AEMET said.`,
  },
  {
    // A link item naming the town, not the event: it shares too little with the first report.
    id: "flood-2",
    source: "Las Provincias",
    published: "2024-10-30T09:00:00Z",
    title: "Paiporta residents dig out cars from the mud",
    text: "Volunteers and residents of Paiporta, south of Valencia, spent the day shovelling mud from streets where the Poyo ravine burst its banks in the flash floods.",
  },
  {
    id: "flood-3",
    source: "El País in English",
    published: "2024-10-30T10:00:00Z",
    title: "Death toll from Valencia flash floods rises to 62",
    text: `The death toll from the flash floods in the Valencia region of eastern Spain rose to 62 on Wednesday, emergency services said, as rescuers searched for people trapped in cars and homes in towns such as Paiporta.

AEMET, the state weather agency, said more rain was forecast for the region on Thursday.`,
  },
  {
    id: "flood-4",
    source: "BBC",
    published: "2024-10-30T11:00:00Z",
    title: "Spain floods: Paiporta residents clear mud as toll rises to 62",
    text: `Residents of Paiporta, near Valencia, shovelled mud out of their homes on Wednesday after flash floods in eastern Spain killed at least 62 people, emergency services said. The Poyo ravine burst its banks on Tuesday evening.

Rescuers were still searching for people trapped in cars, and AEMET warned of more rain.`,
  },
  {
    id: "flood-5",
    source: "Euronews",
    published: "2024-10-30T12:00:00Z",
    title: "Grief in Paiporta after Valencia floods",
    text: `In Paiporta, the town south of Valencia hit hardest when the Poyo ravine burst its banks, rescuers pulled wrecked cars from the streets on Wednesday.

The flash floods in eastern Spain have killed at least 62 people, emergency services said.`,
  },
];

test("a lone report joins its story once the story has grown to read like it", () => {
  // Story-against-story merges off (threshold 1): only the lone report's second look moves it.
  const index = new StoryIndex({ merge: true, model: { ...PLACEMENT_MODEL, mergeThreshold: 1 } });
  const [first, lone, ...rest] = FLOOD.map((a) => index.add(a));
  assert.equal(first?.story.id, "flood-1");
  assert.equal(lone?.isNewStory, true, "the link item opens a story of its own at first");
  assert.deepEqual(
    rest.map((r) => [r.story.id, r.merged]),
    [
      ["flood-1", []],
      ["flood-1", []],
      ["flood-1", ["flood-2"]],
    ],
  );
  assert.equal(index.storyOf("flood-2"), "flood-1");
  assert.equal(index.story("flood-1")?.articleCount, 5);
  assert.equal(index.story("flood-2"), undefined);
});

test("a lone report of another event stays alone however its neighbour grows", () => {
  const index = new StoryIndex({ merge: true });
  index.add(QUAKE_JAPAN);
  for (const a of [QUAKE_REUTERS, QUAKE_ALJAZEERA]) assert.deepEqual(index.add(a).merged, []);
  assert.equal(index.storyOf("quake-3"), "quake-3");
});

test("without merging, a lone report stays where it was placed", () => {
  const index = new StoryIndex();
  for (const a of FLOOD) assert.deepEqual(index.add(a).merged, []);
  assert.equal(index.storyOf("flood-2"), "flood-2");
});
