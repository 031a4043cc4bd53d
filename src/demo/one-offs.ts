import type { OutletSlug } from "./outlets.ts";

/**
 * Unrelated local items, each covered by one outlet: the singletons a clustering stage must
 * leave alone. Templates take {town}, {name}, {n} and {m}; the stream fills them.
 */
export interface OneOffTemplate {
  key: string;
  outlet: OutletSlug;
  categories: readonly string[];
  title: string;
  paragraphs: readonly string[];
  quote: { role: string; text: string };
}

export const TOWNS = [
  "Fenwick Hollow",
  "Saltbridge",
  "Whitcombe",
  "Gannet Point",
  "Lindell",
  "Harrowby",
  "Drisk",
  "Tidewater",
] as const;

export const LOCAL_NAMES = [
  "Oona Brightwell",
  "Felix Marchetti",
  "Greta Lowndes",
  "Samuel Achterberg",
  "Ivy Calloway",
  "Benedikt Ruhl",
  "Nell Forsythe",
  "Arvid Penrose",
] as const;

export const ONE_OFFS: readonly OneOffTemplate[] = [
  {
    key: "library-reopens",
    outlet: "harbour-courier",
    categories: ["Local", "Culture"],
    title: "{town} library reopens after two-year renovation",
    paragraphs: [
      "The public library in {town} has reopened its doors after a two-year renovation that added a children's wing, a small recording studio and {n} new study spaces.",
      "The building, which dates from 1911, had been closed since a leaking roof damaged part of its collection. Volunteers spent months drying and cataloguing more than {m} rescued books.",
      "The head librarian, {name}, said more than 600 residents had signed up for new library cards in the first week alone.",
      "The renovation was paid for by the town council with help from a local charity, and opening hours have been extended to include Sunday afternoons.",
    ],
    quote: {
      role: "the head librarian",
      text: "People kept stopping me in the street to ask when we would open again. It is wonderful to see the place full of life.",
    },
  },
  {
    key: "sourdough-champion",
    outlet: "daily-meridian",
    categories: ["Food", "Local"],
    title: "{town} baker wins national sourdough championship",
    paragraphs: [
      "A baker from {town} has won the national sourdough championship with a loaf made from a starter that has been kept alive in the same family for {n} years.",
      "{name}, who runs a small bakery near the town square, beat more than {m} entrants from across the country in the final, which was judged on crust, crumb and flavour.",
      "The judges praised the loaf's open texture and its slightly nutty taste, which the baker credits to a blend of rye and spelt flour grown on nearby farms.",
      "Since the win was announced, queues have formed outside the bakery before it opens at seven in the morning.",
    ],
    quote: {
      role: "the winning baker",
      text: "My grandmother would have laughed at all the fuss. She baked this bread every day of her life and never thought it was anything special.",
    },
  },
  {
    key: "marathon-field",
    outlet: "veloria-today",
    categories: ["Sport", "Local"],
    title: "Record field of {m} runners expected at {town} marathon",
    paragraphs: [
      "Organisers of the {town} marathon say a record {m} runners have registered for this year's race, almost double the number who took part five years ago.",
      "The course has been changed to avoid roadworks in the town centre and now finishes beside the river, where a family festival will be held on the same day.",
      "Race director {name} said {n} volunteers would be needed to staff water stations and marshal the route, and appealed for more residents to sign up.",
      "Several roads will be closed from early morning until mid-afternoon, and extra buses will run from the railway station to the start line.",
    ],
    quote: {
      role: "the race director",
      text: "Running has become part of the identity of this town. Every year more people tell us the marathon was the reason they started.",
    },
  },
  {
    key: "museum-map",
    outlet: "daily-meridian",
    categories: ["Culture", "History"],
    title: "{town} museum acquires rare 18th-century map of the Calder coast",
    paragraphs: [
      "The town museum in {town} has acquired a hand-coloured map of the Calder coast drawn in 1764, one of only {n} copies known to survive.",
      "The map, which shows harbours and sandbanks that have since disappeared, was bought at auction for about {m} crowns with the help of public donations.",
      "The museum's curator, {name}, said the map would go on display next spring after conservation work to repair small tears along its folds.",
      "Historians say the map is an important record of how the coastline has changed over more than two centuries of storms and erosion.",
    ],
    quote: {
      role: "the museum's curator",
      text: "You can see villages on this map that are now under the sea. It tells a story that matters a great deal to people who live on this coast.",
    },
  },
  {
    key: "robotics-team",
    outlet: "tech-ledger",
    categories: ["Technology", "Education"],
    title: "{town} school robotics team heads to international final",
    paragraphs: [
      "A team of {n} pupils from the secondary school in {town} has qualified for an international robotics final after their machine sorted recycling faster than any other entry in the national round.",
      "The robot, built largely from spare parts donated by local businesses, uses a simple camera and a program the pupils wrote themselves to recognise glass, metal and paper.",
      "Their teacher, {name}, said the team had spent {m} hours after school over the past year designing, testing and rebuilding the machine.",
      "The school is now raising money to pay for the team's travel to the final, and a local engineering firm has offered to match every donation.",
    ],
    quote: {
      role: "the team's teacher",
      text: "They broke it and fixed it more times than I can count. What impressed the judges was that they could explain every single decision.",
    },
  },
  {
    key: "tortoise-found",
    outlet: "harbour-courier",
    categories: ["Local", "Animals"],
    title: "Missing tortoise found safe two kilometres from {town} home",
    paragraphs: [
      "A tortoise that went missing from a garden in {town} {n} days ago has been found safe and well in a field two kilometres away.",
      "The tortoise, named Horace, is believed to be about {m} years old and had escaped through a gap under a fence that was damaged in a recent storm.",
      "His owner, {name}, had put up posters across the town, and a dog walker recognised him after spotting the shell in long grass near a footpath.",
      "A local vet checked Horace over and said he appeared to have eaten well during his adventure.",
    ],
    quote: {
      role: "Horace's owner",
      text: "Everyone told me a tortoise could not get far. Apparently nobody told Horace.",
    },
  },
  {
    key: "sea-eagles-return",
    outlet: "science-post",
    categories: ["Science", "Environment"],
    title: "Rare sea eagles return to nest near {town} after 40 years",
    paragraphs: [
      "A pair of white-tailed sea eagles has built a nest on the cliffs near {town}, the first time the species has bred in the area for about 40 years.",
      "Bird watchers first reported the pair in early spring, and wardens have now confirmed that the nest contains {n} chicks.",
      "The warden in charge of the reserve, {name}, said a cordon had been set up to keep visitors at a safe distance, and asked photographers not to use drones.",
      "Conservationists say the return of the eagles reflects improvements in fish stocks and a ban on the poisons that wiped out the birds in the last century.",
    ],
    quote: {
      role: "the reserve warden",
      text: "Seeing those birds on the cliff again is something many of us thought we would never witness. We will do everything we can to give them peace.",
    },
  },
  {
    key: "ferry-timetable",
    outlet: "harbour-courier",
    categories: ["Transport", "Local"],
    title: "New timetable for {town} ferry adds late-evening sailings",
    paragraphs: [
      "The ferry serving {town} will add {n} late-evening sailings each week under a new timetable, following a campaign by residents who work night shifts on the mainland.",
      "The last boat of the day will now leave at 11.30 p.m. from Monday to Saturday, an hour and a half later than at present.",
      "The operator said passenger numbers had grown by {m} a year since the end of the pandemic, making the extra sailings worthwhile.",
      "{name}, who organised the residents' petition, said the change would make a real difference to nurses, cleaners and hospitality staff.",
    ],
    quote: {
      role: "who organised the petition",
      text: "For years people had to choose between a job on the mainland and a life on the island. This timetable means they no longer have to.",
    },
  },
  {
    key: "surplus-food-app",
    outlet: "tech-ledger",
    categories: ["Technology", "Business"],
    title: "Start-up in {town} launches app to share surplus restaurant food",
    paragraphs: [
      "A start-up based in {town} has launched an app that lets restaurants and bakeries sell unsold food at a discount in the last hour before they close.",
      "The company says {n} businesses have signed up in the first month and that its users have bought more than {m} meals that would otherwise have been thrown away.",
      "Its founder, {name}, previously worked as a chef and said the idea came from watching trays of good food being thrown away every night.",
      "The app charges businesses a small fee for each sale and is free for customers to download.",
    ],
    quote: {
      role: "the founder",
      text: "Every chef hates throwing food away. We just made it easy for them not to.",
    },
  },
  {
    key: "stargazing-nights",
    outlet: "science-post",
    categories: ["Science", "Space"],
    title: "Astronomers in {town} invite the public to free stargazing nights",
    paragraphs: [
      "The amateur astronomy society in {town} will open its observatory to the public on {n} evenings this season, offering free views of planets, star clusters and the Moon.",
      "The society's main telescope, restored by volunteers, is more than {m} years old and was once used by the university in Ostrand.",
      "Its chair, {name}, said the dark skies around the town made it one of the best places in the region to see the Milky Way.",
      "Visitors are asked to book in advance and to bring warm clothes, as sessions take place on an open roof terrace.",
    ],
    quote: {
      role: "the society's chair",
      text: "Most people have never looked through a proper telescope. The first time someone sees the rings of Saturn, they always gasp.",
    },
  },
];
