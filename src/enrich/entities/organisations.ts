/**
 * International organisations, governments' seats and agencies, parties, armed groups,
 * companies and media that make the news. One a line: name | other names and acronyms.
 */
export const ORGANISATION_TABLE = `
United Nations | UN, U.N., United Nations Organization
UN Security Council | Security Council, United Nations Security Council, UNSC
UN General Assembly | General Assembly, United Nations General Assembly, UNGA
UN Human Rights Council | Human Rights Council, UNHRC
World Health Organization | WHO, World Health Organisation
World Bank | World Bank Group, Banco Mundial, Banque mondiale
International Monetary Fund | IMF
World Trade Organization | WTO, World Trade Organisation
World Food Programme | WFP, World Food Program
UNICEF | Unicef, United Nations Children's Fund
UNHCR | UN Refugee Agency, UN refugee agency, United Nations High Commissioner for Refugees
UNESCO | Unesco
UNRWA | Unrwa
International Atomic Energy Agency | IAEA
Food and Agriculture Organization | FAO
International Labour Organization | ILO, International Labor Organization
International Organization for Migration | IOM
UN Development Programme | UNDP
International Criminal Court | ICC
International Court of Justice | ICJ, World Court
European Court of Human Rights | ECHR, Strasbourg court
European Court of Justice | ECJ, Court of Justice of the European Union
Permanent Court of Arbitration
NATO | Nato, North Atlantic Treaty Organization, North Atlantic Treaty Organisation, OTAN
European Union | EU, E.U.
European Commission | EC
European Parliament
European Council | Council of the EU, Council of the European Union
European Central Bank | ECB
European Investment Bank | EIB
Eurostat
Europol
Frontex
Council of Europe
Organization for Security and Co-operation in Europe | OSCE, Organisation for Security and Co-operation in Europe, Organization for Security and Cooperation in Europe
Organisation for Economic Co-operation and Development | OECD, Organization for Economic Cooperation and Development
OPEC | Opec, Organization of the Petroleum Exporting Countries
OPEC+ | Opec+, OPEC Plus
African Union | AU
Economic Community of West African States | ECOWAS, Ecowas
Southern African Development Community | SADC
Association of Southeast Asian Nations | ASEAN, Asean
Arab League | League of Arab States
Gulf Cooperation Council | GCC
Organisation of Islamic Cooperation | OIC, Organization of Islamic Cooperation
Shanghai Cooperation Organisation | SCO, Shanghai Cooperation Organization
Collective Security Treaty Organization | CSTO
Eurasian Economic Union | EAEU
Commonwealth of Independent States | CIS
Union State | State Union, Union State of Russia and Belarus
Commonwealth | Commonwealth of Nations
Organization of American States | OAS
Mercosur
BRICS | Brics
G7 | Group of Seven
G20 | Group of 20, Group of Twenty
Asian Development Bank | ADB
Asian Infrastructure Investment Bank | AIIB
African Development Bank | AfDB
European Bank for Reconstruction and Development | EBRD
Bank for International Settlements | BIS
International Energy Agency | IEA
Intergovernmental Panel on Climate Change | IPCC
Interpol
CERN | Cern, European Organization for Nuclear Research
International Olympic Committee | IOC
FIFA | Fifa
UEFA | Uefa
Premier League
Bundesliga
La Liga
Serie A
Ligue 1
NBA
NFL
MLB
NHL
Real Madrid
Atlético Madrid | Atletico Madrid
FC Barcelona | Barça, Barca
Manchester United | Man United, Man Utd
Manchester City | Man City
Liverpool FC
Arsenal
Chelsea FC
Tottenham Hotspur | Tottenham, Spurs
Bayern Munich | Bayern, FC Bayern
Borussia Dortmund
Juventus
Inter Milan | Inter
AC Milan
Paris Saint-Germain | PSG
Ajax
Benfica
World Anti-Doping Agency | WADA, Wada
Red Cross | International Committee of the Red Cross, ICRC, International Red Cross
Red Crescent | Palestinian Red Crescent, Red Crescent Society
International Federation of Red Cross and Red Crescent Societies | IFRC
Amnesty International | Amnesty
Human Rights Watch | HRW
Médecins Sans Frontières | Medecins Sans Frontieres, MSF, Doctors Without Borders
Greenpeace
Oxfam
Save the Children
Transparency International
Reporters Without Borders | Reporters Sans Frontières
Committee to Protect Journalists | CPJ
Wikimedia Foundation
Bill and Melinda Gates Foundation | Gates Foundation, Bill & Melinda Gates Foundation
Kremlin
White House
Pentagon
State Department | US State Department, U.S. State Department, Department of State
Department of Justice | Justice Department, DOJ, US Justice Department
Department of Defense | Defense Department, DoD
Department of Homeland Security | Homeland Security, DHS
Treasury | US Treasury, Treasury Department
US Congress | Congress, U.S. Congress, United States Congress
US Senate | Senate, U.S. Senate
House of Representatives | US House of Representatives
US Supreme Court | Supreme Court, U.S. Supreme Court
Federal Reserve | Fed, US Federal Reserve, U.S. Federal Reserve
Federal Bureau of Investigation | FBI
Central Intelligence Agency | CIA
National Security Agency | NSA
Federal Aviation Administration | FAA
Food and Drug Administration | FDA
Centers for Disease Control and Prevention | CDC
Securities and Exchange Commission | SEC
Environmental Protection Agency | EPA
NASA | Nasa
Immigration and Customs Enforcement | ICE
Democratic Party | Democratic National Committee, DNC
Republican Party | GOP, Republican National Committee, RNC
Downing Street | Number 10, No 10
House of Commons | Commons
House of Lords | Lords
Parliament | UK Parliament
Home Office
Foreign Office | FCDO
Ministry of Defence | MoD
Bank of England | BoE
National Health Service | NHS
Metropolitan Police | Met Police, Scotland Yard
MI5
MI6 | Secret Intelligence Service
GCHQ
Conservative Party | Conservatives, Conservative, Tories, Tory party
Labour Party | Labour
Liberal Democrats | Lib Dems
Scottish National Party | SNP
Reform UK
Sinn Féin | Sinn Fein
Élysée | Elysee, Élysée Palace, Elysee Palace
Bundestag
Bundesbank
Bundeswehr
Christian Democratic Union | CDU
Social Democratic Party | SPD, Social Democrats
Alternative for Germany | AfD
Greens | Green Party
National Rally | Rassemblement National, RN
Knesset
Lok Sabha
Rajya Sabha
Sejm
Riksdag
Storting
National Diet | Diet
Majlis
National Assembly
Likud
Israel Defense Forces | IDF, Israeli Defence Forces, Israel Defence Forces
Mossad
Shin Bet
Hamas
Hezbollah | Hizbollah, Hizbullah
Islamic Jihad | Palestinian Islamic Jihad
Palestinian Authority
Palestine Liberation Organization | PLO, Palestine Liberation Organisation
Fatah
Houthis | Houthi, Ansar Allah
Islamic Revolutionary Guard Corps | IRGC, Revolutionary Guards
Taliban
Islamic State | ISIS, ISIL, Daesh, Islamic State group
al-Qaeda | al Qaeda, Al Qaeda, Al-Qaeda, al-Qaida
al-Shabab | al-Shabaab, Al-Shabaab
Boko Haram
Wagner Group | Wagner
Rapid Support Forces | RSF
Sudanese Armed Forces | SAF
Kurdistan Workers' Party | PKK
Syrian Democratic Forces | SDF
Hayat Tahrir al-Sham | HTS
Tatmadaw
M23
Duma | State Duma
Federation Council
FSB | Federal Security Service
GRU
KGB
Rosatom
Roscosmos
Central Bank of Russia | Bank of Russia, Russian Central Bank
Gazprom
Rosneft
Lukoil
Novatek
Sberbank
Aeroflot
Verkhovna Rada | Rada
Naftogaz
SBU | Security Service of Ukraine
Communist Party | Chinese Communist Party, Communist Party of China, CCP, CPC
People's Liberation Army | PLA
People's Bank of China | PBOC
National People's Congress | NPC
Bank of Japan | BOJ, BoJ
Liberal Democratic Party | LDP
Bharatiya Janata Party | BJP
Indian National Congress | Congress party, Congress
Reserve Bank of India | RBI
African National Congress | ANC
Muslim Brotherhood
Vatican Bank
Apple | Apple Inc
Google
Alphabet
Microsoft
Amazon
Meta | Meta Platforms
Facebook
Instagram
WhatsApp
TikTok | ByteDance
X Corp
Twitter
Tesla
SpaceX
Starlink
OpenAI
Anthropic
Nvidia | NVIDIA
Intel
AMD
Samsung | Samsung Electronics
Huawei
Xiaomi
Alibaba
Tencent
Baidu
TSMC | Taiwan Semiconductor Manufacturing Company
Sony
Toyota
Volkswagen | VW
BMW
Mercedes-Benz
Stellantis
Renault
Ford | Ford Motor
General Motors | GM
Boeing
Airbus
Lockheed Martin
Raytheon | RTX
BAE Systems
Rheinmetall
Siemens
Shell
BP
ExxonMobil | Exxon, Exxon Mobil
Chevron
TotalEnergies
Saudi Aramco | Aramco
Glencore
Rio Tinto
BHP
JPMorgan | JPMorgan Chase, JP Morgan
Goldman Sachs
Morgan Stanley
Citigroup | Citi
HSBC
Barclays
Deutsche Bank
UBS
Credit Suisse
BlackRock
Berkshire Hathaway
Pfizer
Moderna
AstraZeneca
Novo Nordisk
Johnson & Johnson
Walmart
Netflix
Disney | Walt Disney
Uber
Airbnb
Visa
Mastercard
Nestlé | Nestle
Unilever
Ryanair
Lufthansa
Emirates airline
Nasdaq
Moody's | Moody's Investors Service, Moody's Ratings
Fitch Ratings | Fitch
S&P Global | Standard & Poor's, S&P Global Ratings
New York Stock Exchange | NYSE
London Stock Exchange
Reuters
Associated Press | AP
Agence France-Presse | AFP
Bloomberg | Bloomberg News
BBC
CNN
Fox News
NBC | NBC News
CBS | CBS News
ABC News
NPR
Al Jazeera | Aljazeera
The New York Times | New York Times, NYT
The Washington Post | Washington Post
The Wall Street Journal | Wall Street Journal, WSJ
Financial Times | FT
The Guardian | Guardian
The Economist | Economist
Politico
Axios
Der Spiegel | Spiegel
Le Monde
El País | El Pais
TASS | Tass
RIA Novosti
RT | Russia Today
Xinhua
Kyodo | Kyodo News
Yonhap
Interfax
Meduza
Novaya Gazeta
Carnegie Endowment for International Peace | Carnegie Endowment
Carnegie Moscow Center
Carnegie Russia Eurasia Center
Brookings Institution | Brookings
Chatham House
RAND Corporation
Council on Foreign Relations | CFR
Atlantic Council
Institute for the Study of War | ISW
International Institute for Strategic Studies | IISS
Stockholm International Peace Research Institute | SIPRI
Levada Center | Levada
Pew Research Center | Pew
Gallup
YouGov
Harvard University | Harvard
Yale University | Yale
Stanford University | Stanford
Princeton University | Princeton
Columbia University
Massachusetts Institute of Technology | MIT
University of Oxford | Oxford University
University of Cambridge | Cambridge University
Imperial College London | Imperial College
London School of Economics | LSE
Sorbonne
Johns Hopkins University | Johns Hopkins
Max Planck Institute | Max Planck Society
Nobel Committee | Norwegian Nobel Committee
Belarusian National Academy of Sciences | National Academy of Sciences of Belarus
Russian Academy of Sciences
Chinese Academy of Sciences
Catholic Church | Roman Catholic Church
Russian Orthodox Church
Church of England
Met Office
Ofcom
Competition and Markets Authority | CMA
Federal Trade Commission | FTC
Federal Communications Commission | FCC
World Meteorological Organization | WMO
International Civil Aviation Organization | ICAO
International Air Transport Association | IATA
World Economic Forum | WEF
United Russia
Fidesz
Law and Justice | PiS
Civic Platform
Brothers of Italy
PSOE | Spanish Socialist Workers' Party
Podemos
Vox
Morena
Kuomintang | KMT
Democratic Progressive Party | DPP
Justice and Development Party | AKP
Republican People's Party | CHP
Pakistan Tehreek-e-Insaf | PTI
Awami League
Bangladesh Nationalist Party | BNP
ZANU-PF | Zanu-PF
Economic Freedom Fighters | EFF
Democratic Alliance
Pheu Thai
Workers' Party
`;
