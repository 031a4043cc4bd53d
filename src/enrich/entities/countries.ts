/**
 * Countries and territories, one a line: name | other names | demonyms | capitals.
 * Lists are comma-separated; a capital's other spellings follow a slash ("Kyiv/Kiev").
 * Plural demonyms ("Russians") are derived, so only irregular ones are written out.
 */
export const COUNTRY_TABLE = `
Afghanistan | | Afghan | Kabul
Albania | | Albanian | Tirana
Algeria | | Algerian | Algiers
Andorra | | Andorran | Andorra la Vella
Angola | | Angolan | Luanda
Antigua and Barbuda | Antigua | Antiguan | St John's
Argentina | | Argentine, Argentinian | Buenos Aires
Armenia | | Armenian | Yerevan
Australia | | Australian, Aussie | Canberra
Austria | | Austrian | Vienna/Wien
Azerbaijan | | Azerbaijani, Azeri | Baku
Bahamas | The Bahamas | Bahamian | Nassau
Bahrain | | Bahraini | Manama
Bangladesh | | Bangladeshi | Dhaka
Barbados | | Barbadian, Bajan | Bridgetown
Belarus | Byelorussia | Belarusian, Belarusan, Byelorussian | Minsk
Belgium | | Belgian | Brussels
Belize | | Belizean | Belmopan
Benin | | Beninese | Porto-Novo, Cotonou
Bhutan | | Bhutanese | Thimphu
Bolivia | | Bolivian | La Paz, Sucre
Bosnia and Herzegovina | Bosnia-Herzegovina, Bosnia | Bosnian | Sarajevo
Botswana | | Botswanan, Motswana | Gaborone
Brazil | Brasil | Brazilian | Brasilia/Brasília
Brunei | | Bruneian | Bandar Seri Begawan
Bulgaria | | Bulgarian | Sofia
Burkina Faso | | Burkinabe, Burkinabè | Ouagadougou
Burundi | | Burundian | Gitega, Bujumbura
Cambodia | | Cambodian | Phnom Penh
Cameroon | | Cameroonian | Yaounde/Yaoundé, Douala
Canada | | Canadian | Ottawa
Cape Verde | Cabo Verde | Cape Verdean | Praia
Central African Republic | CAR | Central African | Bangui
Chad | | Chadian | N'Djamena/Ndjamena
Chile | | Chilean | Santiago
China | People's Republic of China, PRC, Mainland China | Chinese | Beijing/Peking
Colombia | | Colombian | Bogota/Bogotá
Comoros | | Comorian | Moroni
Democratic Republic of the Congo | DR Congo, DRC, Congo-Kinshasa, Democratic Republic of Congo, Congo | Congolese | Kinshasa
Republic of the Congo | Congo-Brazzaville, Republic of Congo | | Brazzaville
Costa Rica | | Costa Rican | San Jose/San José
Ivory Coast | Côte d'Ivoire, Cote d'Ivoire | Ivorian | Yamoussoukro, Abidjan
Croatia | | Croatian, Croat | Zagreb
Cuba | | Cuban | Havana
Cyprus | | Cypriot | Nicosia
Czech Republic | Czechia | Czech | Prague/Praha
Denmark | | Danish, Dane | Copenhagen
Djibouti | | Djiboutian | Djibouti City
Dominica | | | Roseau
Dominican Republic | | Dominican | Santo Domingo
East Timor | Timor-Leste | Timorese | Dili
Ecuador | | Ecuadorian, Ecuadorean | Quito
Egypt | | Egyptian | Cairo
El Salvador | | Salvadoran, Salvadorean | San Salvador
Equatorial Guinea | | Equatoguinean | Malabo
Eritrea | | Eritrean | Asmara
Estonia | | Estonian | Tallinn
Eswatini | Swaziland | Swazi | Mbabane
Ethiopia | | Ethiopian | Addis Ababa
Fiji | | Fijian | Suva
Finland | | Finnish, Finn | Helsinki
France | | French, Frenchman, Frenchwoman, Frenchmen, Frenchwomen | Paris
Gabon | | Gabonese | Libreville
Gambia | The Gambia | Gambian | Banjul
Georgia | | Georgian | Tbilisi
Germany | Federal Republic of Germany | German | Berlin
Ghana | | Ghanaian | Accra
Greece | | Greek | Athens
Grenada | | Grenadian | St George's
Guatemala | | Guatemalan | Guatemala City
Guinea | | Guinean | Conakry
Guinea-Bissau | Guinea Bissau | Bissau-Guinean | Bissau
Guyana | | Guyanese | Georgetown
Haiti | | Haitian | Port-au-Prince
Honduras | | Honduran | Tegucigalpa
Hungary | | Hungarian | Budapest
Iceland | | Icelandic, Icelander | Reykjavik/Reykjavík
India | | Indian | New Delhi
Indonesia | | Indonesian | Jakarta
Iran | Islamic Republic of Iran | Iranian | Tehran/Teheran
Iraq | | Iraqi | Baghdad
Ireland | Republic of Ireland, Eire | Irish, Irishman, Irishwoman | Dublin
Israel | | Israeli | Jerusalem
Italy | | Italian | Rome/Roma
Jamaica | | Jamaican | Kingston
Japan | | Japanese | Tokyo
Jordan | | Jordanian | Amman
Kazakhstan | | Kazakh, Kazakhstani | Astana, Almaty
Kenya | | Kenyan | Nairobi
Kiribati | | I-Kiribati | Tarawa
Kosovo | | Kosovar, Kosovan | Pristina/Prishtina
Kuwait | | Kuwaiti | Kuwait City
Kyrgyzstan | Kirghizia | Kyrgyz, Kirghiz | Bishkek
Laos | Lao PDR | Laotian, Lao | Vientiane
Latvia | | Latvian | Riga
Lebanon | | Lebanese | Beirut
Lesotho | | Basotho, Mosotho | Maseru
Liberia | | Liberian | Monrovia
Libya | | Libyan | Tripoli
Liechtenstein | | Liechtensteiner | Vaduz
Lithuania | | Lithuanian | Vilnius
Luxembourg | | Luxembourger, Luxembourgish | Luxembourg City
Madagascar | | Malagasy | Antananarivo
Malawi | | Malawian | Lilongwe
Malaysia | | Malaysian | Kuala Lumpur
Maldives | The Maldives | Maldivian |
Mali | | Malian | Bamako
Malta | | Maltese | Valletta
Marshall Islands | | Marshallese | Majuro
Mauritania | | Mauritanian | Nouakchott
Mauritius | | Mauritian | Port Louis
Mexico | | Mexican | Mexico City
Micronesia | | Micronesian | Palikir
Moldova | | Moldovan | Chisinau/Chișinău
Monaco | | Monegasque | Monaco-Ville
Mongolia | | Mongolian | Ulaanbaatar/Ulan Bator
Montenegro | | Montenegrin | Podgorica
Morocco | | Moroccan | Rabat
Mozambique | | Mozambican | Maputo
Myanmar | Burma | Burmese, Myanmarese | Naypyidaw/Naypyitaw, Yangon/Rangoon
Namibia | | Namibian | Windhoek
Nauru | | Nauruan | Yaren
Nepal | | Nepali, Nepalese | Kathmandu
Netherlands | The Netherlands, Holland | Dutch, Dutchman, Dutchwoman | Amsterdam, The Hague
New Zealand | Aotearoa | New Zealander, Kiwi | Wellington
Nicaragua | | Nicaraguan | Managua
Niger | | Nigerien | Niamey
Nigeria | | Nigerian | Abuja
North Korea | Democratic People's Republic of Korea, DPRK | North Korean | Pyongyang
North Macedonia | Macedonia | Macedonian | Skopje
Norway | | Norwegian | Oslo
Oman | | Omani | Muscat
Pakistan | | Pakistani | Islamabad
Palau | | Palauan | Ngerulmud
Palestine | Palestinian territories, State of Palestine | Palestinian | Ramallah
Panama | | Panamanian | Panama City
Papua New Guinea | PNG | Papua New Guinean | Port Moresby
Paraguay | | Paraguayan | Asuncion/Asunción
Peru | | Peruvian | Lima
Philippines | The Philippines | Filipino, Filipina, Philippine | Manila
Poland | | Polish, Pole | Warsaw/Warszawa
Portugal | | Portuguese | Lisbon/Lisboa
Qatar | | Qatari | Doha
Romania | | Romanian | Bucharest
Russia | Russian Federation | Russian | Moscow
Rwanda | | Rwandan | Kigali
Saint Kitts and Nevis | St Kitts and Nevis | Kittitian | Basseterre
Saint Lucia | St Lucia | Saint Lucian | Castries
Saint Vincent and the Grenadines | St Vincent and the Grenadines | Vincentian | Kingstown
Samoa | | Samoan | Apia
San Marino | | Sammarinese | City of San Marino
Sao Tome and Principe | São Tomé and Príncipe | Santomean | São Tomé/Sao Tome
Saudi Arabia | Kingdom of Saudi Arabia | Saudi | Riyadh
Senegal | | Senegalese | Dakar
Serbia | | Serbian, Serb | Belgrade
Seychelles | | Seychellois |
Sierra Leone | | Sierra Leonean | Freetown
Singapore | | Singaporean |
Slovakia | | Slovak, Slovakian | Bratislava
Slovenia | | Slovenian, Slovene | Ljubljana
Solomon Islands | | Solomon Islander | Honiara
Somalia | | Somali | Mogadishu
South Africa | | South African | Pretoria, Cape Town
South Korea | Republic of Korea | South Korean | Seoul
South Sudan | | South Sudanese | Juba
Spain | | Spanish, Spaniard | Madrid
Sri Lanka | | Sri Lankan | Colombo, Sri Jayawardenepura Kotte
Sudan | | Sudanese | Khartoum
Suriname | | Surinamese | Paramaribo
Sweden | | Swedish, Swede | Stockholm
Switzerland | | Swiss | Bern/Berne
Syria | | Syrian | Damascus
Taiwan | Republic of China | Taiwanese | Taipei
Tajikistan | | Tajik, Tajikistani | Dushanbe
Tanzania | | Tanzanian | Dodoma, Dar es Salaam
Thailand | | Thai | Bangkok
Togo | | Togolese | Lome/Lomé
Tonga | | Tongan | Nuku'alofa
Trinidad and Tobago | Trinidad | Trinidadian, Tobagonian | Port of Spain
Tunisia | | Tunisian | Tunis
Turkey | Türkiye, Turkiye | Turkish, Turk | Ankara
Turkmenistan | | Turkmen | Ashgabat
Tuvalu | | Tuvaluan | Funafuti
Uganda | | Ugandan | Kampala
Ukraine | The Ukraine | Ukrainian | Kyiv/Kiev
United Arab Emirates | UAE, U.A.E., Emirates | Emirati | Abu Dhabi
United Kingdom | UK, U.K., Britain, Great Britain | British, Briton, Brit | London
United States | US, U.S., USA, U.S.A., United States of America, America | American | Washington/Washington DC/Washington D.C.
Uruguay | | Uruguayan | Montevideo
Uzbekistan | | Uzbek | Tashkent
Vanuatu | | Ni-Vanuatu | Port Vila
Vatican City | Vatican, Holy See | | 
Venezuela | | Venezuelan | Caracas
Vietnam | Viet Nam | Vietnamese | Hanoi
Yemen | | Yemeni | Sanaa/Sana'a, Aden
Zambia | | Zambian | Lusaka
Zimbabwe | | Zimbabwean | Harare
England | | English, Englishman, Englishwoman |
Scotland | | Scottish, Scot | Edinburgh
Wales | | Welsh | Cardiff
Northern Ireland | | Northern Irish | Belfast
Greenland | | Greenlandic, Greenlander | Nuuk
Hong Kong | | Hong Konger, Hongkonger |
Macau | Macao | Macanese |
Puerto Rico | | Puerto Rican | San Juan
Western Sahara | | Sahrawi | Laayoune
Somaliland | | Somalilander | Hargeisa
Abkhazia | | Abkhaz, Abkhazian | Sukhumi
Transnistria | | Transnistrian | Tiraspol
Soviet Union | USSR, U.S.S.R. | Soviet |
`;
