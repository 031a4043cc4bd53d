/** Word lists the name rules read. Lower case; one idea each. */

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

/** Capitalised before a name, they make it a person's: "Prime Minister Mikhail Mishustin". */
export const TITLE_WORDS = words(`
president vice prime minister deputy foreign defence defense finance interior justice health
secretary chancellor premier governor senator sen rep representative congressman congresswoman
mayor king queen prince princess crown pope cardinal archbishop bishop rev reverend father sheikh
sheik emir sultan ayatollah imam rabbi general gen lieutenant lt colonel col major maj captain capt
admiral adm commander cmdr sergeant sgt marshal field brigadier judge chief ambassador envoy
speaker chairman chairwoman chair ceo director dr doctor professor prof mr mrs ms miss mx sir dame
lord lady baroness baron duke duchess president-elect leader spokesman spokeswoman spokesperson
commissioner attorney prosecutor inspector detective officer constable agent coach manager
grand supreme opposition state home economy economic trade energy transport education labour labor
agriculture environment culture digital climate industry science security intelligence army
navy air force first second former late acting interim senior special deputy-prime
secretary-general under-secretary attorney-general governor-general vice-president vice-chancellor
adviser advisor executive officer surgeon commodore sergeant-major
`);

/** A lower-case word before a name that says a person comes next: "analyst Tatiana Stanovaya". */
export const PERSON_ROLES = words(`
analyst scientist researcher lawyer spokesman spokeswoman spokesperson minister president leader
opponent activist journalist reporter correspondent economist professor expert official diplomat
ambassador senator judge coach striker midfielder defender goalkeeper keeper player manager chief
director founder co-founder ceo chairman chairwoman actor actress singer rapper writer author
novelist poet artist musician filmmaker producer entrepreneur billionaire businessman
businesswoman investor banker trader farmer teacher student doctor nurse surgeon physician
epidemiologist virologist engineer architect historian sociologist philosopher candidate
lawmaker legislator mp deputy governor mayor councillor councilor prosecutor attorney defendant
suspect victim witness survivor resident villager mother father son daughter wife husband
brother sister uncle aunt cousin grandson granddaughter grandmother grandfather widow friend
colleague rival challenger incumbent successor predecessor dissident blogger critic commander
general colonel officer soldier spy agent pilot captain astronaut priest imam rabbi pastor bishop
monk nun cardinal pope king queen prince princess emperor dictator strongman premier chancellor
secretary commissioner envoy negotiator mediator adviser advisor aide strategist pollster
campaigner organiser organizer protester demonstrator boss owner tycoon oligarch magnate heir
champion winner athlete cyclist swimmer boxer golfer driver skater sprinter forward batsman
bowler teammate compatriot countryman fellow editor columnist photographer presenter host
anchor comedian dancer designer chef model influencer scholar academic lecturer dean rector
physicist chemist biologist mathematician astronomer geologist climatologist meteorologist
seismologist volcanologist archaeologist psychologist psychiatrist paediatrician pediatrician
cardiologist oncologist researcher investigator detective inspector sheriff warden ranger
guard firefighter paramedic medic worker employee whistleblower hacker refugee migrant
prisoner detainee hostage captive inmate convict fugitive gunman attacker assailant shooter
bomber militant fighter rebel insurgent jihadist separatist nationalist conservative liberal
democrat republican socialist communist populist reformer moderate hardliner cleric preacher
cofounder partner entrepreneur economist novelist playwright composer conductor pianist
violinist guitarist drummer vocalist frontman songwriter director screenwriter animator
researcher scientist ex-president ex-minister ex-wife ex-husband ex-boyfriend ex-girlfriend
girlfriend boyfriend fiancee fiance spouse partner daughter-in-law son-in-law mother-in-law
successor incumbent nominee appointee defendant plaintiff claimant petitioner applicant laureate
coordinator planner fellow official speaker chair chairperson volunteer specialist consultant representative administrator member veteran head
man woman boy girl executive campaigner supporter founder
`);

/** After a name: "Ales Lagvinets said", "Petr Piatrouski, who". */
export const PERSON_VERBS = words(`
said says told added wrote argued noted explained stressed insisted warned believes thinks
believed thought recalled admitted acknowledged conceded claimed denied confirmed announced
urged asked replied responded remarked commented observed considers considered
`);

/** A lower-case word before a name that says an organisation comes next: "consultancy R. Politik". */
export const ORGANISATION_ROLES = words(`
company firm consultancy group agency newspaper broadcaster channel network bank lender insurer
airline carrier manufacturer maker automaker carmaker chipmaker retailer chain startup start-up
giant conglomerate organisation organization charity ngo party movement union association
federation club team outlet daily weekly magazine tabloid publisher studio label brand watchdog
regulator tank institute university school hospital militia faction coalition alliance bloc
platform app service operator supplier producer exporter importer developer fund insurer broker
exchange cooperative co-operative subsidiary unit division foundation trust nonprofit non-profit
website portal site broadcaster network pollster think-tank consortium syndicate cartel gang
utility lenders banks companies firms groups unions parties office ombudsman
`);

/** The last word of an organisation's name ("Carnegie Moscow Center", "Ministry of ..."). */
export const ORGANISATION_HEADS = words(`
academy administration agency airlines airways army assembly association authority bank
board brigade bureau cabinet center centre chamber church coalition college commission committee
community company confederation conference congress consortium corporation corp corps council
court department directorate division endowment enterprises federation forum foundation front
fund gazette group guard herald holdings hospital inc incorporated industries initiative
institute institution insurance international journal league ltd limited llc llp plc ag gmbh sa nv
magazine media ministry mission movement museum network news observatory office organisation
organization orchestra parliament partnership party police post press project radio railways
regiment reserve school service services society systems telegraph television times tribune
trust tv union university workshop laboratory laboratories labs bancorp capital partners
motors pharmaceuticals pharma works club fc exchange force forces house
management refinery command alliance centers centres institutes ministries councils commissions agencies
unions banks airlines brigades guards helmets
`);

/** A name that ends like this is a place: "Lake Baikal" starts, "Amur River" ends. */
export const PLACE_HEADS = words(`
river lake sea ocean gulf bay strait island islands isle peninsula mountains mountain mount
valley desert plain plains plateau canyon coast shore beach forest park square street avenue
road bridge dam canal province oblast region governorate prefecture county district municipality
krai republic territory state village airport harbour harbor port station crossing
checkpoint base heights hills hill ridge glacier falls basin delta reef auditorium stadium
arena hall palace cathedral mosque temple theatre theater tower building gardens zoo prison jail
cemetery
`);

/** Written first, they make a place name: "Mount Everest", "Lake Chad", "Gulf of Aden". */
export const PLACE_LEADS = words(`mount lake cape gulf bay isle port fort mt strait camp`);

/** Province-like heads a place is named without: "Kherson Oblast" is Kherson. */
export const ADMINISTRATIVE_HEADS = words(`oblast province region governorate prefecture krai`);

/** Before a name, these say it is where something happened: "a radar station in Baranovichi". */
export const PLACE_PREPOSITIONS = words(`in near outside around across inside at`);

/** "travelled to Trujillo": movement ends at a place. */
export const MOTION_VERBS = words(`
travelled traveled travelling traveling flew fly flying went go going moved move returned
return returning arrived headed heading fled fleeing deported evacuated relocated sailed drove
marched walked`);

/**
 * Small words that stay lower case inside a name: "Academy of Sciences", "Ursula von der
 * Leyen", "Osama bin Laden".
 */
export const NAME_CONNECTORS = words(`
of for the de du des da do dos das di del della der den van von la le al el bin ibn bint y zu ter
ten on upon and &
`);

/** Never a name alone, whatever the capital letter says. */
export const NEVER_NAMES = words(`
west east north south western eastern northern southern central westerners easterners
i me my we us our you your he him his she her it its they them their this that these those
there here then now today yesterday tomorrow tonight
mr mrs ms dr sir madam god allah lord jesus christ
internet web online covid covid-19 coronavirus ai gdp ceo cfo coo cto phd tv dna rna
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
christmas easter ramadan eid hanukkah diwali
english french spanish german russian chinese arabic portuguese italian
state government ministry parliament president minister union republic federation
islamist islamists jihadist jihadists marxist maoist zionist socialist communist nationalist
catholic protestant orthodox sunni shia shiite muslim muslims christians jewish jews
hindu hindus buddhist arab arabs persian kurd kurds kurdish
`);

/** After "of": "the towns of Pomonal and Halls Gap", "a resident of Catarroja". */
export const OF_PLACE_NOUNS = words(`
city cities town towns village villages region regions province provinces district districts
department departments prefecture prefectures commune communes
county counties capital port island islands suburb suburbs outskirts state states municipality
resident residents mayor people streets centre center heart north south east west
`);

/** Names of agreements and events, not organisations: "Paris Agreement", "Champions League" stays. */
export const EVENT_WORDS = words(`
agreement agreements accord accords treaty pact protocol convention declaration summit talks
games olympics cup open championship championships war crisis act bill law doctrine plan
marathon festival conference process deal
`);

/** Words that make a known place part of a larger place: "Blue Nile", "Greater London". */
export const PLACE_MODIFIERS = words(`
blue white black red yellow green upper lower greater little new old great grand high low
inner outer central
`);
