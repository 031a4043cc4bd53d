import type { OutletSlug } from "./outlets.ts";

/**
 * The invented events the demo wire keeps reporting. Every place, person and organisation
 * here is made up. Each event gives several ways to say the same facts (headlines, ledes,
 * body paragraphs), so two outlets covering it share names and figures but not sentences.
 */
export interface DemoQuote {
  speaker: string;
  role: string;
  text: string;
}

export interface DemoEvent {
  key: string;
  categories: readonly string[];
  /** Outlets that cover it, 2 to 4. */
  outlets: readonly OutletSlug[];
  /** Where it happens: datelines and generic paragraphs use it. */
  place: string;
  /** Who is asked for comment. */
  org: string;
  headlines: readonly string[];
  ledes: readonly string[];
  /** Later coverage opens with one of these: the story moves on. */
  developments: readonly string[];
  paragraphs: readonly string[];
  quotes: readonly DemoQuote[];
  subheads: readonly string[];
}

export const EVENTS: readonly DemoEvent[] = [
  {
    key: "marrowgate-port-strike",
    categories: ["Business", "Marrowgate"],
    outlets: ["harbour-courier", "northwind-wire", "daily-meridian"],
    place: "Marrowgate",
    org: "the Marrowgate Harbour Authority",
    headlines: [
      "Marrowgate port grinds to a halt as 3,400 dockworkers strike over pay",
      "Dockworkers walk out at Marrowgate, stranding 41 cargo ships",
      "Strike shuts Marrowgate harbour as union rejects 4% pay offer",
      "Marrowgate dock strike: union leader Delia Franko vows to hold the line",
    ],
    ledes: [
      "About 3,400 dockworkers at the port of Marrowgate walked off the job at dawn, halting container traffic at the country's busiest harbour after talks with the Marrowgate Harbour Authority collapsed overnight.",
      "Container traffic at Marrowgate came to a standstill as members of the Dock and Harbour Workers' Union began an open-ended strike, leaving 41 cargo ships waiting at anchor outside the harbour wall.",
      "The port of Marrowgate was shut after 3,400 dockworkers rejected a 4% pay offer from the Marrowgate Harbour Authority, in the largest stoppage at the harbour in more than a decade.",
    ],
    developments: [
      "Negotiators for both sides are due to meet again under the supervision of a state mediator, Arlo Penhale, though neither side has signalled a change of position.",
      "By the second day of the strike the queue of ships outside Marrowgate had grown to 57, and two shipping lines said they would divert vessels to the smaller port of Saltbridge.",
      "The union said it would put a revised offer of 6% over two years to a ballot of its members, raising hopes that the stoppage at Marrowgate could end within the week.",
    ],
    paragraphs: [
      "The union is demanding a 9% rise to offset two years of high inflation, as well as limits on the night shifts that have become routine since the harbour extended its opening hours. The Harbour Authority says its 4% offer is the most it can afford without raising fees for shipping lines.",
      "Marrowgate handles roughly a third of the country's container imports, and economists warned that a prolonged stoppage could quickly push up the price of fuel, fruit and building materials. Retailers said stocks of some imported goods would last no more than ten days.",
      "Picket lines formed at all five gates of the harbour shortly after the 6 a.m. shift change. Police said the protest was peaceful and that no arrests had been made.",
      "The last major strike at the port, in 2011, lasted 19 days and cost the regional economy an estimated 310 million crowns, according to the Marrowgate Chamber of Commerce.",
      "Ferries to the offshore islands are operating normally because their crews belong to a different union, the Harbour Authority said, but freight bookings on the same routes have been suspended.",
    ],
    quotes: [
      {
        speaker: "Delia Franko",
        role: "general secretary of the Dock and Harbour Workers' Union",
        text: "Our members have kept this port running through storms and shortages. A 4% offer after two years of rising prices is an insult, and we will stay out for as long as it takes.",
      },
      {
        speaker: "Corin Vale",
        role: "chief executive of the Marrowgate Harbour Authority",
        text: "We want a fair settlement, but we cannot sign a deal that would force us to raise fees and drive shipping lines to our competitors.",
      },
    ],
    subheads: ["Ships at anchor", "What the union wants"],
  },
  {
    key: "veloria-election",
    categories: ["Politics", "Veloria"],
    outlets: ["veloria-today", "northwind-wire", "daily-meridian", "harbour-courier"],
    place: "Velmont",
    org: "the Velorian Electoral Commission",
    headlines: [
      "Isadora Quell wins Veloria presidential election in first round",
      "Veloria elects Isadora Quell as president with 52.4% of the vote",
      "Reformist Quell defeats incumbent Brenner in Veloria vote",
      "Veloria election: Quell claims victory as Brenner concedes",
    ],
    ledes: [
      "Isadora Quell, a former mayor of the Velorian capital, Velmont, has won the republic's presidential election outright with 52.4% of the vote, according to preliminary results from the Velorian Electoral Commission.",
      "Voters in the Republic of Veloria have handed the presidency to the reformist candidate Isadora Quell, ending the eight-year tenure of Tomas Brenner, who took 39.1% of the vote.",
      "The Velorian Electoral Commission declared Isadora Quell the winner of the presidential election after counting 98% of ballots, sparing Veloria a run-off for the first time since 2009.",
    ],
    developments: [
      "Tomas Brenner conceded defeat in a short televised address from his party's headquarters in Velmont and said he would cooperate with the transition.",
      "International observers from the Coastal States Forum said the vote in Veloria had been orderly, though they noted long queues at polling stations in the northern province of Drisk.",
      "Isadora Quell is expected to be sworn in at the National Assembly in Velmont next month and has promised to name her cabinet within two weeks.",
    ],
    paragraphs: [
      "Turnout reached 64.2%, the highest in two decades, the commission said. Queues formed outside polling stations in Velmont well before they opened, and several districts extended voting by an hour.",
      "Quell, 47, campaigned on a promise to tackle corruption in public procurement and to expand rail links to the country's poorer eastern provinces. She served two terms as mayor of Velmont before entering national politics.",
      "Brenner, who led the National Unity Party, had sought a third term after a constitutional change that critics said weakened parliamentary oversight. His campaign focused on economic stability and on his record of attracting foreign investment.",
      "A third candidate, the environmentalist Pavel Oster, won 8.5% of the vote, a result his supporters described as a breakthrough for the Green Alliance.",
      "Markets reacted calmly. The Velorian lira was little changed in early trading, and the yield on ten-year government bonds fell slightly.",
    ],
    quotes: [
      {
        speaker: "Isadora Quell",
        role: "the president-elect",
        text: "Tonight Veloria chose change, but it also chose unity. I will be the president of those who voted for me and of those who did not.",
      },
      {
        speaker: "Tomas Brenner",
        role: "the outgoing president",
        text: "The people have spoken and I respect their decision. I wish the president-elect success, because her success will be Veloria's success.",
      },
    ],
    subheads: ["A record turnout", "What comes next"],
  },
  {
    key: "storm-hesper",
    categories: ["Weather", "Calder coast"],
    outlets: ["harbour-courier", "northwind-wire", "science-post", "daily-meridian"],
    place: "Port Ellery",
    org: "the Calder Coastguard",
    headlines: [
      "Storm Hesper batters Calder coast, leaving 12,000 homes without power",
      "Winds of 140 km/h lash Port Ellery as Storm Hesper makes landfall",
      "Storm Hesper: coastguard rescues 23 people as floods hit Port Ellery",
    ],
    ledes: [
      "Storm Hesper swept across the Calder coast overnight with gusts of up to 140 km/h, cutting power to about 12,000 homes and flooding the harbour district of Port Ellery.",
      "The Calder Coastguard rescued 23 people from flooded homes and stranded vehicles in and around Port Ellery as Storm Hesper brought the strongest winds to the region in 15 years.",
      "Emergency crews worked through the night in Port Ellery after Storm Hesper made landfall, tearing roofs from buildings and sending seawater over the harbour wall.",
    ],
    developments: [
      "Power had been restored to about half of the 12,000 homes affected by Storm Hesper by midday, the grid operator Calder Energy said, but some rural areas could wait several days.",
      "Forecasters said Storm Hesper was weakening as it moved inland, though heavy rain warnings remained in force for the river valleys north of Port Ellery.",
      "Schools in Port Ellery and three neighbouring towns will stay closed while engineers inspect buildings damaged by Storm Hesper.",
    ],
    paragraphs: [
      "The national weather service had issued its highest-level red warning for the coast, urging residents to stay indoors and avoid the seafront. Waves of more than eight metres were recorded off Gannet Point.",
      "In Port Ellery, the old fish market lost part of its roof and several boats broke free of their moorings. Video shared by residents showed seawater running through the streets of the harbour district.",
      "Rail services between Port Ellery and Marrowgate were suspended after a fallen tree blocked the line near Whitcombe, and the coastal road was closed in both directions because of debris.",
      "Climate scientists have warned that storms of this strength are becoming more frequent along the Calder coast as sea temperatures rise. Hesper is the fourth named storm of the season.",
      "No deaths had been reported, the coastguard said, but two people were taken to hospital with injuries caused by falling debris.",
    ],
    quotes: [
      {
        speaker: "Senna Holloway",
        role: "the regional emergency coordinator",
        text: "This was a very dangerous night, and the fact that no one has lost their life is down to people following the advice and staying at home.",
      },
      {
        speaker: "Rhys Tamberlane",
        role: "a captain with the Calder Coastguard",
        text: "Our crews went out in conditions that were right at the limit of what our boats can handle. I am proud of every one of them.",
      },
    ],
    subheads: ["Rescues overnight", "Travel disruption"],
  },
  {
    key: "lumenfold-quillstack",
    categories: ["Technology", "Business"],
    outlets: ["tech-ledger", "northwind-wire", "daily-meridian"],
    place: "Ashford Vale",
    org: "Lumenfold",
    headlines: [
      "Lumenfold to buy Quillstack for $4.2bn in cloud software deal",
      "Lumenfold agrees $4.2bn takeover of collaboration start-up Quillstack",
      "Why Lumenfold is paying $4.2bn for Quillstack",
    ],
    ledes: [
      "Lumenfold, the cloud software group based in Ashford Vale, has agreed to buy the collaboration start-up Quillstack for $4.2bn in cash and shares, the largest acquisition in the company's history.",
      "Quillstack, the maker of a popular shared-document app, is to be acquired by Lumenfold for $4.2bn, the two companies said, in a deal that values the start-up at about 30 times its annual revenue.",
      "Lumenfold chief executive Priya Castellan has struck a $4.2bn deal to acquire Quillstack, betting that the start-up's 18 million users will help her company compete with larger rivals in workplace software.",
    ],
    developments: [
      "Shares in Lumenfold fell 6% after the Quillstack deal was announced as investors questioned the price, before recovering some of their losses later in the session.",
      "Competition regulators in Veloria said they would review the Lumenfold deal for Quillstack, which is expected to close in the second half of the year if approved.",
      "Quillstack employees were told in an internal message that the company would keep its brand and its offices in Ashford Vale for at least two years after the Lumenfold takeover.",
    ],
    paragraphs: [
      "Under the terms of the deal, Quillstack shareholders will receive $28 in cash and 0.4 Lumenfold shares for each share they hold. The offer represents a premium of 34% to Quillstack's closing price before the announcement.",
      "Quillstack was founded in 2016 by Jonas Wetherby and two university friends and now employs about 1,100 people. Its app lets teams edit documents, spreadsheets and plans together in real time and counts 18 million monthly users.",
      "Lumenfold, which sells storage and database services to businesses, has been trying to expand into applications used directly by office workers. Analysts said the deal would give it a product that millions of people already open every day.",
      "The acquisition is the largest in the workplace software sector this year and follows a period in which high interest rates discouraged large technology deals.",
      "Jonas Wetherby will join Lumenfold's leadership team and continue to run Quillstack as a separate unit, the companies said.",
    ],
    quotes: [
      {
        speaker: "Priya Castellan",
        role: "chief executive of Lumenfold",
        text: "Quillstack has built something people genuinely love to use. Together we can bring that experience to every team that already trusts Lumenfold with its data.",
      },
      {
        speaker: "Jonas Wetherby",
        role: "Quillstack's co-founder",
        text: "Joining Lumenfold lets us grow much faster than we could alone, while keeping the product and the culture that got us here.",
      },
    ],
    subheads: ["The terms", "A bet on office software"],
  },
  {
    key: "ostrand-plastic-enzyme",
    categories: ["Science", "Environment"],
    outlets: ["science-post", "tech-ledger", "daily-meridian"],
    place: "Ostrand",
    org: "the University of Ostrand",
    headlines: [
      "Scientists in Ostrand discover enzyme that breaks down plastic in days",
      "New enzyme PX-7 digests PET plastic at room temperature, study finds",
      "University of Ostrand team finds plastic-eating enzyme in harbour mud",
    ],
    ledes: [
      "Researchers at the University of Ostrand have identified an enzyme, named PX-7, that can break down PET plastic bottles into their basic building blocks in less than four days at room temperature.",
      "An enzyme discovered in mud from the old harbour at Ostrand can digest the plastic used in drinks bottles far faster than previously known enzymes, according to a study led by Dr Amara Lindqvist.",
      "A team led by the biochemist Amara Lindqvist at the University of Ostrand says it has found a natural enzyme, PX-7, that breaks down PET plastic around 20 times faster than the best enzymes previously described.",
    ],
    developments: [
      "Other researchers cautioned that the results on PX-7 came from laboratory tests and that scaling the process to industrial recycling plants could take years.",
      "The University of Ostrand said it had filed a patent application for PX-7 and was in talks with two recycling companies about a pilot plant.",
      "The Ostrand team has published the full genetic sequence of PX-7 so that other laboratories can try to reproduce the results.",
    ],
    paragraphs: [
      "The findings, published in the Ostrand Journal of Biochemistry, describe how the team screened more than 3,000 bacterial samples collected from the sediment of the city's old harbour before finding the one that produces PX-7.",
      "In the laboratory, PX-7 broke down 90% of a shredded PET bottle within 96 hours at 25 degrees Celsius. Most existing enzymes only work efficiently at temperatures above 60 degrees, which makes them expensive to use.",
      "PET is used in billions of drinks bottles and food containers each year, and only a small share is recycled into new bottles. Breaking it down with enzymes could allow the material to be recycled again and again without losing quality.",
      "The work was funded by a grant of 2.4 million crowns from the Northern Research Council and took five years to complete.",
      "Lindqvist said the team had modified the enzyme slightly to make it more stable, but that the original version found in the mud was already surprisingly effective.",
    ],
    quotes: [
      {
        speaker: "Amara Lindqvist",
        role: "who led the study at the University of Ostrand",
        text: "We were looking for a needle in a haystack, and we found it a few hundred metres from our laboratory. Nature had already started solving the problem for us.",
      },
      {
        speaker: "Henrik Sol",
        role: "a materials chemist who was not involved in the study",
        text: "This is a genuinely exciting result, but the real test will be whether it works on dirty, mixed plastic waste rather than clean samples.",
      },
    ],
    subheads: ["How it works", "From laboratory to recycling plant"],
  },
  {
    key: "continental-cup-final",
    categories: ["Sport", "Football"],
    outlets: ["daily-meridian", "harbour-courier", "veloria-today"],
    place: "Velmont",
    org: "Marrowgate Rovers",
    headlines: [
      "Okafor's late winner gives Marrowgate Rovers the Continental Cup",
      "Marrowgate Rovers beat Velmont Athletic 2-1 in Continental Cup final",
      "Rovers stun Velmont Athletic with 88th-minute winner at Stellan Park",
    ],
    ledes: [
      "Jonah Okafor scored in the 88th minute as Marrowgate Rovers came from behind to beat Velmont Athletic 2-1 in the Continental Cup final at Stellan Park, winning the trophy for the first time in 27 years.",
      "Marrowgate Rovers are Continental Cup champions after a dramatic 2-1 victory over Velmont Athletic in front of 61,000 spectators at Stellan Park.",
      "A header from the substitute Jonah Okafor two minutes from time settled the Continental Cup final in Marrowgate Rovers' favour, sinking the home favourites Velmont Athletic 2-1.",
    ],
    developments: [
      "Thousands of supporters lined the streets of Marrowgate as the Rovers' open-top bus parade carried the Continental Cup from the station to the harbour.",
      "Velmont Athletic's captain, Luka Serrat, said his team would learn from the Continental Cup defeat and apologised to supporters for a poor second half.",
      "Jonah Okafor, 21, said he had dreamed of scoring in a Continental Cup final since he joined the Marrowgate Rovers academy at the age of nine.",
    ],
    paragraphs: [
      "Velmont Athletic took the lead in the 23rd minute when Luka Serrat curled a free kick into the top corner, and for long periods the home side looked comfortable.",
      "Rovers equalised through Mateo Brandt early in the second half after a mistake in the Velmont defence, and the match became increasingly open as both teams pushed for a winner.",
      "Okafor, who came on as a substitute in the 70th minute, rose highest to meet a corner from the captain Tobias Wren and head the ball past the Velmont goalkeeper.",
      "It is the first major trophy for the Rovers manager Ines Daragh, who took charge of the club two years ago when it was close to relegation.",
      "The victory earns Marrowgate Rovers a place in next season's Champions Trophy and prize money of about 8 million crowns.",
    ],
    quotes: [
      {
        speaker: "Ines Daragh",
        role: "the Marrowgate Rovers manager",
        text: "I told the players at half-time that nobody remembers the first half of a final. They believed, and they showed what this club is about.",
      },
      {
        speaker: "Jonah Okafor",
        role: "the match-winner",
        text: "I just closed my eyes and jumped. When I saw the net move I did not know where to run.",
      },
    ],
    subheads: ["A late twist", "Daragh's rebuild"],
  },
  {
    key: "veloria-rate-rise",
    categories: ["Business", "Economy"],
    outlets: ["veloria-today", "northwind-wire", "daily-meridian"],
    place: "Velmont",
    org: "the Central Bank of Veloria",
    headlines: [
      "Central Bank of Veloria raises interest rate to 4.75%",
      "Veloria lifts rates by half a point as inflation hits 6.8%",
      "Governor Lucian Marsh signals more rate rises after Veloria hike",
    ],
    ledes: [
      "The Central Bank of Veloria raised its main interest rate by half a percentage point to 4.75%, its highest level since 2008, in an effort to bring down inflation that reached 6.8% last month.",
      "Borrowing costs in Veloria rose again as the central bank increased its benchmark rate from 4.25% to 4.75%, a bigger move than most economists had expected.",
      "Lucian Marsh, governor of the Central Bank of Veloria, said further increases could not be ruled out after the bank lifted its key interest rate to 4.75%.",
    ],
    developments: [
      "The Velorian lira strengthened by about 1% in the hour after the Central Bank of Veloria announced its decision.",
      "The largest mortgage lender in Veloria, Velmont Savings, said it would pass the increase to 4.75% on to customers with variable-rate loans from next month.",
      "Minutes of the meeting showed that two of the seven members of the Central Bank of Veloria's rate-setting committee had voted for a smaller increase.",
    ],
    paragraphs: [
      "Inflation in Veloria has been above the bank's 2% target for more than two years, driven first by energy prices and more recently by rising wages and rents.",
      "The decision was taken by a majority of the bank's seven-member monetary policy committee. It was the fifth increase in a row.",
      "Business groups warned that higher borrowing costs would hit small companies already struggling with higher energy bills, while savers welcomed better returns on deposits.",
      "The bank now expects inflation to fall to about 4% by the end of next year and to return to its target only in two years' time.",
      "The decision comes weeks after the presidential election, and economists said the new government's spending plans would be watched closely by the bank.",
    ],
    quotes: [
      {
        speaker: "Lucian Marsh",
        role: "governor of the Central Bank of Veloria",
        text: "We will do what is necessary to bring inflation back to target. Acting decisively now reduces the cost to households in the long run.",
      },
      {
        speaker: "Edda Kronberg",
        role: "chief economist at Velmont Savings",
        text: "The bank is clearly worried that inflation is becoming entrenched. For families with mortgages this will be a difficult year.",
      },
    ],
    subheads: ["Inflation stays high", "What it means for borrowers"],
  },
  {
    key: "calder-tunnel-delay",
    categories: ["Transport", "Marrowgate"],
    outlets: ["harbour-courier", "daily-meridian"],
    place: "Marrowgate",
    org: "the Calder Tunnel Company",
    headlines: [
      "Calder Tunnel opening delayed by 18 months as costs rise to 5.9bn crowns",
      "Marrowgate's Calder Tunnel faces new delay and 1.3bn crown overrun",
      "Minister Odile Ferrant orders review of troubled Calder Tunnel project",
    ],
    ledes: [
      "The opening of the Calder Tunnel, the rail and road link under the Marrowgate estuary, has been pushed back by 18 months and its budget has grown by 1.3 billion crowns to 5.9 billion, the Calder Tunnel Company said.",
      "The transport minister, Odile Ferrant, has ordered an independent review of the Calder Tunnel after the company building it admitted a further delay of 18 months and a cost overrun of 1.3 billion crowns.",
      "Commuters in Marrowgate will have to wait at least another 18 months for the Calder Tunnel, after engineers found that ground conditions under the estuary were worse than expected.",
    ],
    developments: [
      "Opposition politicians called for the chairman of the Calder Tunnel Company to resign and demanded that the full engineering report be published.",
      "The Calder Tunnel Company said tunnelling had resumed on the northern section under the Marrowgate estuary and that its two boring machines were now 700 metres apart.",
      "Odile Ferrant told the transport committee of parliament that the Calder Tunnel review would report within three months and that no further public money would be committed before then.",
    ],
    paragraphs: [
      "Engineers discovered a band of soft, water-bearing clay under the middle of the estuary that forced the tunnel boring machines to slow down and required thousands of tonnes of extra concrete to stabilise the ground.",
      "The tunnel, which will carry two rail tracks and a two-lane road, was originally due to open this year at a cost of 3.4 billion crowns. The latest estimate is 5.9 billion crowns.",
      "Business groups in Marrowgate said the delay would hold back investment on the southern bank of the estuary, where thousands of new homes are planned near the tunnel entrance.",
      "The ferry service across the estuary, which the tunnel was meant to replace, will now have to keep running for several more years, and the operator has warned that two of its vessels are close to retirement.",
      "About 1,900 people are employed on the project, most of them at the main construction site at Tidewater Quay.",
    ],
    quotes: [
      {
        speaker: "Odile Ferrant",
        role: "the transport minister",
        text: "The people of Marrowgate have been patient for long enough. I want to know exactly what went wrong and how we make sure it does not happen again.",
      },
      {
        speaker: "Ruben Castell",
        role: "chief engineer of the Calder Tunnel Company",
        text: "The ground under the estuary surprised us. We will not cut corners on safety to make up time.",
      },
    ],
    subheads: ["What went wrong", "Ferries to keep running"],
  },
  {
    key: "solvira-approval",
    categories: ["Health", "Science"],
    outlets: ["science-post", "veloria-today"],
    place: "Velmont",
    org: "Pellucid Therapeutics",
    headlines: [
      "Veloria approves Solvira, a new once-a-month migraine treatment",
      "Pellucid Therapeutics wins approval for migraine drug Solvira",
      "Migraine drug Solvira halves attacks in trial and gets the green light",
    ],
    ledes: [
      "The Veloria Medicines Agency has approved Solvira, a monthly injection developed by Pellucid Therapeutics that roughly halved the number of migraine days in a trial of 1,240 patients.",
      "Patients with chronic migraine in Veloria will be able to receive Solvira, a new preventive treatment from Pellucid Therapeutics, after the Veloria Medicines Agency approved the drug.",
      "Pellucid Therapeutics said its migraine treatment Solvira had been approved by the Veloria Medicines Agency, sending the company's shares up 12%.",
    ],
    developments: [
      "The national health insurer said it would decide within 90 days whether to pay for Solvira, which Pellucid Therapeutics has priced at about 450 crowns per dose.",
      "Patient groups welcomed the approval of Solvira but warned that its price could put it out of reach for many people without public insurance cover.",
      "Pellucid Therapeutics said it had also applied for approval of Solvira in four other countries and expected decisions next year.",
    ],
    paragraphs: [
      "In the main clinical trial, patients who received Solvira had on average 7.1 fewer migraine days a month, compared with 3.4 fewer days among those given a placebo. The most common side effects were mild reactions at the injection site.",
      "Migraine affects about one in seven adults and is one of the leading causes of disability among people under 50, according to health researchers.",
      "Solvira works by blocking a protein involved in the inflammation of blood vessels around the brain during a migraine attack. It is injected under the skin once a month.",
      "The approval covers adults who have at least four migraine days a month and have not responded to at least two other preventive treatments.",
      "Pellucid Therapeutics, founded in 2012, employs about 600 people and has its research centre on the outskirts of Velmont.",
    ],
    quotes: [
      {
        speaker: "Marcus Oyelaran",
        role: "chief executive of Pellucid Therapeutics",
        text: "For people who lose days of every month to migraine, this is a real change. We are proud that Solvira was discovered and developed here in Veloria.",
      },
      {
        speaker: "Talia Renwick",
        role: "a neurologist at Velmont General Hospital",
        text: "It is not a cure, but for patients who have tried everything else, halving the number of bad days can give them their lives back.",
      },
    ],
    subheads: ["The trial results", "Price and access"],
  },
  {
    key: "cobaltline-breach",
    categories: ["Technology", "Business"],
    outlets: ["tech-ledger", "northwind-wire", "daily-meridian"],
    place: "Marrowgate",
    org: "Cobaltline Bank",
    headlines: [
      "Cobaltline Bank data breach exposes 2.3 million customers",
      "Hackers steal personal details of 2.3m Cobaltline Bank customers",
      "Cobaltline Bank apologises after cyber attack on a supplier",
    ],
    ledes: [
      "Cobaltline Bank says hackers have stolen the names, addresses and partial card numbers of 2.3 million customers after breaking into the systems of a company that prints its statements.",
      "The personal details of about 2.3 million Cobaltline Bank customers have been exposed in a cyber attack, the bank said, urging customers to watch out for fraudulent messages.",
      "Cobaltline Bank chief executive Hollis Grant has apologised to customers after a breach at a third-party supplier exposed the data of 2.3 million account holders.",
    ],
    developments: [
      "The data protection authority said it had opened an investigation into the Cobaltline Bank breach and could impose a fine of up to 4% of the bank's annual turnover.",
      "Security researchers said a file that appeared to contain some of the 2.3 million stolen Cobaltline Bank records had been offered for sale on a criminal forum.",
      "Cobaltline Bank said it would offer all affected customers free credit monitoring for two years and had set up a dedicated telephone line.",
    ],
    paragraphs: [
      "The attackers gained access to the network of Printwell Services, which produces paper statements for the bank, by using a password stolen from an employee, according to a person familiar with the investigation.",
      "Cobaltline said passwords, PIN codes and full card numbers were not affected and that customers' money was safe. Only the last four digits of card numbers were included in the stolen data.",
      "The bank said it had found no evidence so far that the stolen data had been used for fraud, but warned customers to be suspicious of calls, texts or emails asking for security details.",
      "Cobaltline, which has about 6 million customers, is the country's fourth-largest bank by deposits. Its shares fell 3% after the announcement.",
      "Cyber security experts said attacks on suppliers have become one of the most common ways for criminals to reach the data of large companies.",
    ],
    quotes: [
      {
        speaker: "Hollis Grant",
        role: "chief executive of Cobaltline Bank",
        text: "I am deeply sorry. Our customers trust us with their information, and on this occasion that trust has been let down.",
      },
      {
        speaker: "Nadia Voss",
        role: "a security consultant at Greyharbour Labs",
        text: "Banks spend heavily on protecting their own systems, but attackers go after the weakest link, which is often a smaller supplier.",
      },
    ],
    subheads: ["How the attack happened", "What customers should do"],
  },
  {
    key: "aurora-3-launch",
    categories: ["Science", "Space"],
    outlets: ["science-post", "tech-ledger", "veloria-today", "northwind-wire"],
    place: "Kestrel Point",
    org: "the Velorian Space Agency",
    headlines: [
      "Veloria launches Aurora-3 climate satellite from Kestrel Point",
      "Aurora-3 reaches orbit in milestone for the Velorian Space Agency",
      "Velorian Space Agency's Aurora-3 satellite will watch coastlines and sea ice",
    ],
    ledes: [
      "The Velorian Space Agency has launched Aurora-3, an Earth observation satellite designed to track sea ice and coastal erosion, from its launch site at Kestrel Point.",
      "A rocket carrying the Aurora-3 satellite lifted off from Kestrel Point shortly after dawn and placed the spacecraft into an orbit 690 km above the Earth, the Velorian Space Agency said.",
      "Veloria's most ambitious space mission so far got under way as the Aurora-3 satellite was launched from Kestrel Point, with the mission director, Yusuf Albrecht, declaring the launch a complete success.",
    ],
    developments: [
      "Engineers confirmed that Aurora-3 had unfolded its solar panels and was sending data back to the ground station at Kestrel Point.",
      "The first images from Aurora-3 are expected within six weeks, once its instruments have been calibrated, the Velorian Space Agency said.",
      "The Velorian Space Agency said Aurora-3 had made its first adjustment to its orbit and was working normally.",
    ],
    paragraphs: [
      "Aurora-3 carries a radar instrument that can see through cloud and darkness, allowing scientists to measure the thickness of sea ice and changes to coastlines even during the polar winter.",
      "The 1,150 kg satellite was built over six years at a cost of 780 million crowns, with parts supplied by companies in four countries. It is designed to operate for at least seven years.",
      "Its data will be made freely available to researchers and to coastal authorities, including those on the Calder coast, which has seen severe erosion in recent years.",
      "The launch is the agency's third since it was founded in 2010 and the first to use its new launch pad at Kestrel Point.",
      "Two earlier Aurora satellites, launched in 2014 and 2019, carried optical cameras and are still operating.",
    ],
    quotes: [
      {
        speaker: "Yusuf Albrecht",
        role: "the Aurora-3 mission director",
        text: "Everything went exactly to plan. After six years of work, seeing Aurora-3 in orbit is an extraordinary moment for everyone involved.",
      },
      {
        speaker: "Ilse Marnow",
        role: "a climate scientist at the University of Ostrand",
        text: "Radar measurements of sea ice through the winter are exactly what our models have been missing.",
      },
    ],
    subheads: ["What Aurora-3 will do", "A growing space programme"],
  },
  {
    key: "veloria-drevania-fisheries",
    categories: ["World", "Politics"],
    outlets: ["northwind-wire", "veloria-today", "harbour-courier"],
    place: "Marrowgate",
    org: "the Velorian foreign ministry",
    headlines: [
      "Veloria and Drevania sign fisheries deal in Marrowgate",
      "Marrowgate summit ends 'fish war' between Veloria and Drevania",
      "Veloria-Drevania fishing agreement scraps seafood tariffs for 12 years",
    ],
    ledes: [
      "Veloria and the Kingdom of Drevania signed a 12-year fisheries agreement at a summit in Marrowgate, ending a three-year dispute over fishing rights in the waters between the two countries.",
      "The Velorian foreign minister, Anselm Roth, and Drevania's trade minister, Katrin Oduya, put their names in Marrowgate to a deal that sets shared fishing quotas and removes tariffs on seafood between the two neighbours.",
      "A long-running row over fishing quotas between Veloria and Drevania has been settled with an agreement signed in Marrowgate that both governments described as a fair compromise.",
    ],
    developments: [
      "Fishing organisations in Drevania said they were disappointed that the Marrowgate agreement did not increase their share of the herring catch.",
      "The Veloria-Drevania fisheries agreement must still be ratified by both parliaments, which is expected before the start of the next fishing season.",
      "Fishermen in Marrowgate welcomed the deal with Drevania, saying it would allow boats that had been tied up for months to return to sea.",
    ],
    paragraphs: [
      "Under the agreement, vessels from both countries will be allowed to fish in a shared zone of about 40,000 square kilometres, with quotas for cod, herring and mackerel set each year by a joint scientific committee.",
      "The deal also removes tariffs on fresh and frozen seafood traded between the two countries, a market worth about 240 million crowns a year.",
      "The dispute began three years ago when Drevania extended its fishing limits, leading to the seizure of two Velorian trawlers and a series of protests by fishermen in Marrowgate.",
      "Conservation groups welcomed the creation of the joint scientific committee but said quotas for cod should be cut further to allow stocks to recover.",
      "The signing took place at the old customs house on the Marrowgate waterfront, which was closed to the public for the day.",
    ],
    quotes: [
      {
        speaker: "Anselm Roth",
        role: "the foreign minister of Veloria",
        text: "For three years, fishermen on both sides have paid the price for our disagreement. Today we have replaced conflict with rules that everyone can rely on.",
      },
      {
        speaker: "Katrin Oduya",
        role: "Drevania's trade minister",
        text: "This agreement protects our fishing communities and our fish stocks. It shows what neighbours can achieve when they sit down together.",
      },
    ],
    subheads: ["The terms of the deal", "Reaction from the harbour"],
  },
];
