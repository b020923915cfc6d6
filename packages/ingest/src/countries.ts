// The 193 UN member states: name | demonyms (adjective, plural) | other names | capital.
// Written by hand for this project; capitals stand for their governments in news ("Moscow said").
const TABLE = `Afghanistan|Afghan,Afghans||Kabul
Albania|Albanian,Albanians||Tirana
Algeria|Algerian,Algerians||Algiers
Andorra|Andorran,Andorrans||
Angola|Angolan,Angolans||Luanda
Antigua and Barbuda|Antiguan,Antiguans||
Argentina|Argentine,Argentinian,Argentines,Argentinians||Buenos Aires
Armenia|Armenian,Armenians||Yerevan
Australia|Australian,Australians||Canberra
Austria|Austrian,Austrians||Vienna
Azerbaijan|Azerbaijani,Azerbaijanis,Azeri,Azeris||Baku
Bahamas|Bahamian,Bahamians|The Bahamas|
Bahrain|Bahraini,Bahrainis||Manama
Bangladesh|Bangladeshi,Bangladeshis||Dhaka
Barbados|Barbadian,Barbadians||
Belarus|Belarusian,Belarusians||Minsk
Belgium|Belgian,Belgians||
Belize|Belizean,Belizeans||
Benin|Beninese||Porto-Novo
Bhutan|Bhutanese||Thimphu
Bolivia|Bolivian,Bolivians||La Paz
Bosnia and Herzegovina|Bosnian,Bosnians|Bosnia|Sarajevo
Botswana|Botswanan,Batswana||Gaborone
Brazil|Brazilian,Brazilians||Brasilia,Brasília
Brunei|Bruneian,Bruneians||
Bulgaria|Bulgarian,Bulgarians||Sofia
Burkina Faso|Burkinabe||Ouagadougou
Burundi|Burundian,Burundians||Gitega
Cabo Verde|Cape Verdean,Cape Verdeans|Cape Verde|
Cambodia|Cambodian,Cambodians||Phnom Penh
Cameroon|Cameroonian,Cameroonians||Yaoundé,Yaounde
Canada|Canadian,Canadians||Ottawa
Central African Republic|Central African,Central Africans|CAR|Bangui
Chad|Chadian,Chadians||N'Djamena
Chile|Chilean,Chileans||Santiago
China|Chinese|People's Republic of China,PRC|Beijing
Colombia|Colombian,Colombians||Bogotá,Bogota
Comoros|Comorian,Comorians||
Congo|Congolese|Republic of the Congo,Congo-Brazzaville|Brazzaville
Costa Rica|Costa Rican,Costa Ricans||San José
Côte d'Ivoire|Ivorian,Ivorians|Ivory Coast,Cote d'Ivoire|Yamoussoukro
Croatia|Croatian,Croatians,Croat,Croats||Zagreb
Cuba|Cuban,Cubans||Havana
Cyprus|Cypriot,Cypriots||Nicosia
Czechia|Czech,Czechs|Czech Republic|Prague
Democratic Republic of the Congo||DRC,DR Congo,Congo-Kinshasa|Kinshasa
Denmark|Danish,Dane,Danes||Copenhagen
Djibouti|Djiboutian,Djiboutians||
Dominica|Dominican||
Dominican Republic|||Santo Domingo
Ecuador|Ecuadorian,Ecuadorians||Quito
Egypt|Egyptian,Egyptians||Cairo
El Salvador|Salvadoran,Salvadorans||San Salvador
Equatorial Guinea|Equatoguinean||Malabo
Eritrea|Eritrean,Eritreans||Asmara
Estonia|Estonian,Estonians||Tallinn
Eswatini|Swazi,Swazis|Swaziland|Mbabane
Ethiopia|Ethiopian,Ethiopians||Addis Ababa
Fiji|Fijian,Fijians||Suva
Finland|Finnish,Finn,Finns||Helsinki
France|French||Paris
Gabon|Gabonese||Libreville
Gambia|Gambian,Gambians|The Gambia|Banjul
Georgia|Georgian,Georgians||Tbilisi
Germany|German,Germans||Berlin
Ghana|Ghanaian,Ghanaians||Accra
Greece|Greek,Greeks||Athens
Grenada|Grenadian,Grenadians||
Guatemala|Guatemalan,Guatemalans||Guatemala City
Guinea|Guinean,Guineans||Conakry
Guinea-Bissau|Bissau-Guinean||Bissau
Guyana|Guyanese||Georgetown
Haiti|Haitian,Haitians||Port-au-Prince
Honduras|Honduran,Hondurans||Tegucigalpa
Hungary|Hungarian,Hungarians||Budapest
Iceland|Icelandic,Icelander,Icelanders||Reykjavik
India|Indian,Indians||New Delhi
Indonesia|Indonesian,Indonesians||Jakarta
Iran|Iranian,Iranians||Tehran
Iraq|Iraqi,Iraqis||Baghdad
Ireland|Irish||Dublin
Israel|Israeli,Israelis||Jerusalem
Italy|Italian,Italians||Rome
Jamaica|Jamaican,Jamaicans||Kingston
Japan|Japanese||Tokyo
Jordan|Jordanian,Jordanians||Amman
Kazakhstan|Kazakh,Kazakhs,Kazakhstani||Astana
Kenya|Kenyan,Kenyans||Nairobi
Kiribati|I-Kiribati||Tarawa
Kuwait|Kuwaiti,Kuwaitis||Kuwait City
Kyrgyzstan|Kyrgyz||Bishkek
Laos|Lao,Laotian,Laotians||Vientiane
Latvia|Latvian,Latvians||Riga
Lebanon|Lebanese||Beirut
Lesotho|Basotho,Mosotho||Maseru
Liberia|Liberian,Liberians||Monrovia
Libya|Libyan,Libyans||Tripoli
Liechtenstein|Liechtensteiner||Vaduz
Lithuania|Lithuanian,Lithuanians||Vilnius
Luxembourg|Luxembourgish,Luxembourger||
Madagascar|Malagasy||Antananarivo
Malawi|Malawian,Malawians||Lilongwe
Malaysia|Malaysian,Malaysians||Kuala Lumpur
Maldives|Maldivian,Maldivians||
Mali|Malian,Malians||Bamako
Malta|Maltese||Valletta
Marshall Islands|Marshallese||Majuro
Mauritania|Mauritanian,Mauritanians||Nouakchott
Mauritius|Mauritian,Mauritians||Port Louis
Mexico|Mexican,Mexicans||Mexico City
Micronesia|Micronesian,Micronesians||Palikir
Moldova|Moldovan,Moldovans||Chisinau,Chișinău
Monaco|Monegasque||
Mongolia|Mongolian,Mongolians||Ulaanbaatar
Montenegro|Montenegrin,Montenegrins||Podgorica
Morocco|Moroccan,Moroccans||Rabat
Mozambique|Mozambican,Mozambicans||Maputo
Myanmar|Burmese|Burma|Naypyidaw
Namibia|Namibian,Namibians||Windhoek
Nauru|Nauruan||
Nepal|Nepali,Nepalese||Kathmandu
Netherlands|Dutch|The Netherlands,Holland|The Hague
New Zealand|New Zealander,New Zealanders||Wellington
Nicaragua|Nicaraguan,Nicaraguans||Managua
Niger|Nigerien,Nigeriens||Niamey
Nigeria|Nigerian,Nigerians||Abuja
North Korea|North Korean,North Koreans|DPRK|Pyongyang
North Macedonia|Macedonian,Macedonians|Macedonia|Skopje
Norway|Norwegian,Norwegians||Oslo
Oman|Omani,Omanis||Muscat
Pakistan|Pakistani,Pakistanis||Islamabad
Palau|Palauan||
Panama|Panamanian,Panamanians||Panama City
Papua New Guinea|Papua New Guinean||Port Moresby
Paraguay|Paraguayan,Paraguayans||Asunción,Asuncion
Peru|Peruvian,Peruvians||Lima
Philippines|Filipino,Filipinos,Philippine|The Philippines|Manila
Poland|Polish,Pole,Poles||Warsaw
Portugal|Portuguese||Lisbon
Qatar|Qatari,Qataris||Doha
Romania|Romanian,Romanians||Bucharest
Russia|Russian,Russians|Russian Federation|Moscow,Kremlin
Rwanda|Rwandan,Rwandans||Kigali
Saint Kitts and Nevis|Kittitian||Basseterre
Saint Lucia|Saint Lucian||Castries
Saint Vincent and the Grenadines|Vincentian||Kingstown
Samoa|Samoan,Samoans||Apia
San Marino|Sammarinese||
Sao Tome and Principe|Santomean|São Tomé and Príncipe|
Saudi Arabia|Saudi,Saudis|Kingdom of Saudi Arabia|Riyadh
Senegal|Senegalese||Dakar
Serbia|Serbian,Serbians,Serb,Serbs||Belgrade
Seychelles|Seychellois||
Sierra Leone|Sierra Leonean,Sierra Leoneans||Freetown
Singapore|Singaporean,Singaporeans||
Slovakia|Slovak,Slovaks,Slovakian||Bratislava
Slovenia|Slovenian,Slovenians,Slovene,Slovenes||Ljubljana
Solomon Islands|Solomon Islander||Honiara
Somalia|Somali,Somalis||Mogadishu
South Africa|South African,South Africans||Pretoria
South Korea|South Korean,South Koreans|Republic of Korea|Seoul
South Sudan|South Sudanese||Juba
Spain|Spanish,Spaniard,Spaniards||Madrid
Sri Lanka|Sri Lankan,Sri Lankans||Colombo
Sudan|Sudanese||Khartoum
Suriname|Surinamese||Paramaribo
Sweden|Swedish,Swede,Swedes||Stockholm
Switzerland|Swiss||Bern
Syria|Syrian,Syrians||Damascus
Tajikistan|Tajik,Tajiks||Dushanbe
Tanzania|Tanzanian,Tanzanians||Dodoma
Thailand|Thai,Thais||Bangkok
Timor-Leste|Timorese|East Timor|Dili
Togo|Togolese||Lomé,Lome
Tonga|Tongan,Tongans||Nuku'alofa
Trinidad and Tobago|Trinidadian,Trinidadians||Port of Spain
Tunisia|Tunisian,Tunisians||Tunis
Turkey|Turkish,Turk,Turks|Türkiye,Turkiye|Ankara
Turkmenistan|Turkmen||Ashgabat
Tuvalu|Tuvaluan||Funafuti
Uganda|Ugandan,Ugandans||Kampala
Ukraine|Ukrainian,Ukrainians||Kyiv,Kiev
United Arab Emirates|Emirati,Emiratis|UAE,U.A.E.|Abu Dhabi
United Kingdom|British,Briton,Britons|Britain,Great Britain,UK,U.K.|London,Downing Street
United States|American,Americans|United States of America,USA,US,U.S.,U.S.A.,America|Washington,White House
Uruguay|Uruguayan,Uruguayans||Montevideo
Uzbekistan|Uzbek,Uzbeks||Tashkent
Vanuatu|Ni-Vanuatu||Port Vila
Venezuela|Venezuelan,Venezuelans||Caracas
Vietnam|Vietnamese|Viet Nam|Hanoi
Yemen|Yemeni,Yemenis||Sanaa
Zambia|Zambian,Zambians||Lusaka
Zimbabwe|Zimbabwean,Zimbabweans||Harare`;

/** How a word names a country: its name, another name, a demonym, or its capital standing for the government. */
export type CountryWordKind = 'name' | 'demonym' | 'capital';

/** A country a word refers to. */
export interface CountryWord {
  country: string;
  kind: CountryWordKind;
}

function buildIndex(): Map<string, CountryWord> {
  const index = new Map<string, CountryWord>();
  const put = (word: string, entry: CountryWord) => {
    const w = word.trim();
    if (w && !index.has(w)) index.set(w, entry);
  };
  for (const line of TABLE.split('\n')) {
    const [name = '', demonyms = '', others = '', capitals = ''] = line.split('|');
    put(name, { country: name, kind: 'name' });
    for (const d of demonyms.split(',')) put(d, { country: name, kind: 'demonym' });
    for (const o of others.split(',')) put(o, { country: name, kind: 'name' });
    for (const c of capitals.split(',')) put(c, { country: name, kind: 'capital' });
  }
  // Regional groupings that news treats like states.
  put('European Union', { country: 'European Union', kind: 'name' });
  put('EU', { country: 'European Union', kind: 'name' });
  put('Brussels', { country: 'European Union', kind: 'capital' });
  for (const d of ['European', 'Europeans']) put(d, { country: 'Europe', kind: 'demonym' });
  put('Europe', { country: 'Europe', kind: 'name' });
  return index;
}

/** Every country word, case-sensitive as written in news. */
export const COUNTRY_WORDS: ReadonlyMap<string, CountryWord> = buildIndex();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One pattern for every country word, longest first, not inside a longer word or a hyphenated compound. */
export const COUNTRY_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}-])(${[...COUNTRY_WORDS.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')})(?![\\p{L}\\p{N}]|-(?!based\\b|led\\b|backed\\b|mediated\\b))`,
  'gu',
);
