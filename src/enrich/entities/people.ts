/**
 * Canonical names for people in the news, with the spellings other outlets and
 * transliterations use. One a line: canonical name | other forms. In a form, a word with
 * slashes stands for each of its spellings ("Alexei/Alexey Navalny/Navalni" is four names).
 * A bare surname is listed only where it points at one person in news usage ("Putin", not
 * "Johnson"); surnames learned from a full name in the same article take precedence.
 */
export const PEOPLE_TABLE = `
Vladimir Putin | Vladimir Vladimirovich Putin, Putin
Dmitry Medvedev | Dmitry/Dmitri/Dmitriy Medvedev, Medvedev
Mikhail Mishustin | Mishustin
Sergei Lavrov | Sergei/Sergey Lavrov, Lavrov
Sergei Shoigu | Sergei/Sergey Shoigu/Shoygu, Shoigu/Shoygu
Andrei Belousov | Andrei/Andrey Belousov, Belousov
Valery Gerasimov | Valery/Valeriy Gerasimov, Gerasimov
Dmitry Peskov | Dmitry/Dmitri/Dmitriy Peskov, Peskov
Maria Zakharova | Maria Zakharova, Zakharova
Yevgeny Prigozhin | Yevgeny/Evgeny/Yevgeniy/Evgeniy Prigozhin/Prigozhyn, Prigozhin
Alexei Navalny | Alexei/Alexey/Aleksei/Aleksey Navalny/Navalni/Navalnyy/Navalnyi, Navalny/Navalni/Navalnyy/Navalnyi
Yulia Navalnaya | Yulia/Iulia Navalnaya, Navalnaya
Ramzan Kadyrov | Kadyrov
Mikhail Gorbachev | Gorbachev
Boris Yeltsin | Yeltsin
Joseph Stalin | Josef Stalin, Stalin
Vladimir Lenin | Lenin
Elvira Nabiullina | Nabiullina
Sergei Skripal | Sergei/Sergey Skripal
Yulia Skripal
Alexander Lukashenko | Alexander/Aleksandr/Alexandr/Aleksander/Alyaksandr/Aliaksandr Lukashenko/Lukashenka, Lukashenko/Lukashenka
Sviatlana Tsikhanouskaya | Sviatlana/Svetlana/Sviatlana Tsikhanouskaya/Tikhanovskaya/Tsikhanovskaya, Tsikhanouskaya/Tikhanovskaya
Maria Kalesnikava | Maria/Maryia Kalesnikava/Kolesnikova, Kalesnikava/Kolesnikova
Roman Protasevich | Raman/Roman Pratasevich/Protasevich, Pratasevich/Protasevich
Volodymyr Zelensky | Volodymyr/Vladimir Zelensky/Zelenskyy/Zelenskiy/Zelenskyi/Zelenski, Zelensky/Zelenskyy/Zelenskiy/Zelenskyi
Andriy Yermak | Andriy/Andrii/Andrei Yermak, Yermak
Dmytro Kuleba | Dmytro/Dmitry Kuleba, Kuleba
Andrii Sybiha | Andrii/Andriy Sybiha, Sybiha
Rustem Umerov | Umerov
Valerii Zaluzhnyi | Valerii/Valeriy/Valery Zaluzhnyi/Zaluzhny, Zaluzhnyi/Zaluzhny
Oleksandr Syrskyi | Oleksandr Syrskyi/Syrsky, Syrskyi/Syrsky
Denys Shmyhal | Shmyhal
Yulia Svyrydenko | Svyrydenko
Petro Poroshenko | Poroshenko
Kyrylo Budanov | Kyrylo/Kirill Budanov, Budanov
Viktor Yanukovych | Viktor Yanukovych/Yanukovich, Yanukovych/Yanukovich
Mikheil Saakashvili | Mikheil/Mikhail Saakashvili, Saakashvili
Irakli Kobakhidze | Kobakhidze
Bidzina Ivanishvili | Ivanishvili
Salome Zourabichvili | Salome Zourabichvili/Zurabishvili, Zourabichvili/Zurabishvili
Nikol Pashinyan | Pashinyan
Ilham Aliyev | Aliyev
Kassym-Jomart Tokayev | Tokayev
Maia Sandu | Sandu
Joe Biden | Joseph Biden, Joseph R. Biden, Biden
Donald Trump | Donald J. Trump, Trump
Kamala Harris
JD Vance | J.D. Vance, James David Vance, Vance
Barack Obama | Obama
Michelle Obama
Hillary Clinton | Hillary Rodham Clinton
Bill Clinton
George W. Bush | George W Bush
Antony Blinken | Anthony Blinken, Blinken
Marco Rubio | Rubio
Lloyd Austin
Pete Hegseth | Hegseth
Jake Sullivan
Mike Pompeo | Pompeo
Nancy Pelosi | Pelosi
Chuck Schumer | Schumer
Mitch McConnell | McConnell
Mike Johnson
Bernie Sanders
Elizabeth Warren
Alexandria Ocasio-Cortez | Ocasio-Cortez, AOC
Ron DeSantis | DeSantis
Nikki Haley
Gavin Newsom | Newsom
Elon Musk | Musk
Jeff Bezos | Bezos
Mark Zuckerberg | Zuckerberg
Bill Gates
Warren Buffett | Buffett
Tim Cook
Sundar Pichai | Pichai
Sam Altman | Altman
Satya Nadella | Nadella
Jensen Huang
Jerome Powell | Jay Powell, Powell
Janet Yellen | Yellen
Scott Bessent | Bessent
Robert F. Kennedy Jr. | Robert F. Kennedy Jr, Robert F Kennedy Jr, RFK Jr, Robert Kennedy Jr
Tulsi Gabbard | Gabbard
Kash Patel
Merrick Garland
Pam Bondi
Rudy Giuliani | Giuliani
Hunter Biden
Melania Trump
Ivanka Trump
Jared Kushner | Kushner
Steve Witkoff | Steven/Steve Witkoff, Witkoff
Keith Kellogg
Anthony Fauci | Fauci
Taylor Swift
Martin Luther King Jr. | Martin Luther King, Martin Luther King Jr
Abraham Lincoln
John F. Kennedy | John F Kennedy, JFK
Ronald Reagan | Reagan
Richard Nixon | Nixon
Keir Starmer | Sir Keir Starmer, Starmer
Rishi Sunak | Sunak
Boris Johnson
Theresa May
Liz Truss
David Cameron
Tony Blair | Blair
Gordon Brown
Margaret Thatcher | Thatcher
Nigel Farage | Farage
Kemi Badenoch | Badenoch
Rachel Reeves
David Lammy | Lammy
Yvette Cooper
Angela Rayner | Rayner
Jeremy Hunt
Ed Davey | Sir Ed Davey
John Swinney | Swinney
Nicola Sturgeon | Sturgeon
Charles III | King Charles, King Charles III, Prince Charles
Elizabeth II | Queen Elizabeth, Queen Elizabeth II
Prince William | William, Prince of Wales
Prince Harry | Duke of Sussex
Catherine, Princess of Wales | Kate Middleton, Princess of Wales
Meghan Markle | Duchess of Sussex, Meghan
Sadiq Khan
Emmanuel Macron | Macron
Marine Le Pen | Le Pen
Jordan Bardella | Bardella
Michel Barnier | Barnier
François Bayrou | Bayrou
Gabriel Attal | Attal
Sébastien Lecornu | Lecornu
Olaf Scholz | Scholz
Friedrich Merz | Merz
Angela Merkel | Merkel
Frank-Walter Steinmeier | Steinmeier
Annalena Baerbock | Baerbock
Robert Habeck | Habeck
Boris Pistorius | Pistorius
Alice Weidel | Weidel
Ursula von der Leyen | von der Leyen, Von der Leyen
Charles Michel
António Costa | Antonio Costa
Kaja Kallas | Kallas
Josep Borrell | Borrell
Christine Lagarde | Lagarde
Roberta Metsola | Metsola
Mark Rutte | Rutte
Jens Stoltenberg | Stoltenberg
Giorgia Meloni | Meloni
Sergio Mattarella | Mattarella
Mario Draghi | Draghi
Pedro Sánchez
Viktor Orbán | Orbán
Donald Tusk | Tusk
Andrzej Duda | Duda
Karol Nawrocki | Nawrocki
Robert Fico | Fico
Petr Fiala | Fiala
Andrej Babiš | Babiš
Alexander Stubb | Stubb
Ulf Kristersson | Kristersson
Mette Frederiksen | Frederiksen
Jonas Gahr Støre | Støre
Dick Schoof | Schoof
Geert Wilders | Wilders
Alexander De Croo | De Croo
Bart De Wever | De Wever
Kyriakos Mitsotakis | Mitsotakis
Aleksandar Vučić | Vučić
Klaus Iohannis | Iohannis
Gitanas Nausėda | Nausėda
Pope Francis
Pope Leo XIV | Leo XIV, Pope Leo
Pope Benedict XVI | Benedict XVI
Recep Tayyip Erdoğan | Tayyip Erdoğan, Erdoğan
Hakan Fidan | Fidan
Ekrem İmamoğlu | İmamoğlu
Benjamin Netanyahu | Binyamin Netanyahu, Netanyahu
Isaac Herzog | Herzog
Yoav Gallant
Israel Katz
Benny Gantz | Gantz
Yair Lapid | Lapid
Itamar Ben-Gvir | Itamar Ben Gvir, Ben-Gvir, Ben Gvir
Bezalel Smotrich | Smotrich
Yahya Sinwar | Sinwar
Ismail Haniyeh | Ismail Haniya, Haniyeh, Haniya
Mahmoud Abbas
Hassan Nasrallah | Nasrallah
Naim Qassem | Naim Kassem, Qassem
Ali Khamenei | Ayatollah Ali Khamenei, Ayatollah Khamenei, Khamenei
Ebrahim Raisi | Ebrahim Raisi/Raeisi, Raisi
Masoud Pezeshkian | Pezeshkian
Abbas Araghchi | Araghchi
Hassan Rouhani | Rouhani
Mohammed bin Salman | Mohammed/Mohammad/Muhammad bin Salman, MBS, bin Salman
King Salman | Salman bin Abdulaziz
Mohammed bin Zayed | Mohammed/Mohamed bin Zayed, MBZ
Tamim bin Hamad Al Thani | Sheikh Tamim, Tamim bin Hamad
Abdel Fattah el-Sisi | Abdel Fattah al-Sisi, Abdel Fattah al-Sissi, el-Sisi, al-Sisi, Sisi
King Abdullah II | Abdullah II, King Abdullah
Bashar al-Assad | Bashar al-Assad/Assad, Bashar Assad, al-Assad, Assad
Ahmed al-Sharaa | Ahmed al-Sharaa/Sharaa, Abu Mohammed al-Jolani/Golani, al-Sharaa, Sharaa, al-Jolani, Jolani
Saddam Hussein | Saddam
Muammar Gaddafi | Muammar/Moammar/Muamar Gaddafi/Qaddafi/Gadhafi/Kadhafi/Qadhafi/Kadafi, Gaddafi/Qaddafi/Gadhafi/Kadhafi/Qadhafi/Kadafi
Osama bin Laden | Usama bin Laden, bin Laden
Abu Bakr al-Baghdadi | al-Baghdadi, Baghdadi
Mohammed Shia al-Sudani | al-Sudani
Ayman al-Zawahiri | al-Zawahiri, Zawahiri
Xi Jinping | Xi
Li Qiang
Wang Yi
Mao Zedong | Mao Tse-tung, Mao
Deng Xiaoping
Hu Jintao
Jack Ma
Lai Ching-te | William Lai
Tsai Ing-wen | Tsai
Kim Jong Un | Kim Jong-un, Kim Jong-Un
Kim Yo Jong | Kim Yo-jong, Kim Yo-Jong
Kim Jong Il | Kim Jong-il, Kim Jong-Il
Yoon Suk Yeol | Yoon Suk-yeol, Yoon
Lee Jae-myung | Lee Jae myung
Fumio Kishida | Kishida
Shigeru Ishiba | Ishiba
Sanae Takaichi | Takaichi
Shinzo Abe
Narendra Modi | Modi
Rahul Gandhi
Amit Shah
Subrahmanyam Jaishankar | S. Jaishankar, S Jaishankar, Jaishankar
Shehbaz Sharif | Shahbaz Sharif
Imran Khan
Nawaz Sharif
Asim Munir | Munir
Sheikh Hasina | Hasina
Muhammad Yunus | Yunus
Aung San Suu Kyi | Suu Kyi
Min Aung Hlaing
Ferdinand Marcos Jr. | Ferdinand Marcos Jr, Bongbong Marcos
Rodrigo Duterte
Sara Duterte
Joko Widodo | Jokowi
Prabowo Subianto | Prabowo
Anwar Ibrahim
Anthony Albanese | Albanese
Peter Dutton | Dutton
Christopher Luxon | Luxon
Jacinda Ardern | Ardern
Justin Trudeau | Trudeau
Mark Carney | Carney
Pierre Poilievre | Poilievre
Hun Sen
Hun Manet
Paetongtarn Shinawatra | Paetongtarn
Thaksin Shinawatra | Thaksin
Dalai Lama
Cyril Ramaphosa | Ramaphosa
Jacob Zuma | Zuma
Nelson Mandela | Mandela
Bola Tinubu | Bola Ahmed Tinubu, Tinubu
Muhammadu Buhari | Buhari
William Ruto | Ruto
Uhuru Kenyatta
Raila Odinga | Odinga
Abiy Ahmed | Abiy
Paul Kagame | Kagame
Félix Tshisekedi | Tshisekedi
Yoweri Museveni | Museveni
Bobi Wine
Abdel Fattah al-Burhan | al-Burhan, Burhan
Mohamed Hamdan Dagalo | Hemedti, Dagalo
Emmerson Mnangagwa | Mnangagwa
Robert Mugabe | Mugabe
Samia Suluhu Hassan
Kais Saied | Kais Saïed, Saied
Abdelmadjid Tebboune | Tebboune
Mohammed VI | King Mohammed VI
Assimi Goïta | Goïta
Ibrahim Traoré
Bassirou Diomaye Faye
Alassane Ouattara | Ouattara
Paul Biya | Biya
Nana Akufo-Addo | Akufo-Addo
Umaro Sissoco Embaló | Embaló
Macky Sall
Ousmane Sonko | Sonko
Joseph Aoun
Nabih Berri | Berri
Najib Mikati | Mikati
Nawaf Salam
Michel Aoun
John Mahama | John Dramani Mahama, Mahama
Luiz Inácio Lula da Silva | Lula da Silva, Lula, Luiz Inácio Lula
Jair Bolsonaro | Bolsonaro
Javier Milei | Milei
Claudia Sheinbaum | Sheinbaum
Andrés Manuel López Obrador | López Obrador, AMLO
Gustavo Petro | Petro
Nicolás Maduro | Maduro
María Corina Machado
Edmundo González | Edmundo González Urrutia
Daniel Ortega
Nayib Bukele | Bukele
Gabriel Boric | Boric
Dina Boluarte | Boluarte
Daniel Noboa | Noboa
Miguel Díaz-Canel | Díaz-Canel
Fidel Castro
Raúl Castro
Hugo Chávez | Chávez
Che Guevara
Evo Morales
António Guterres | Antonio Guterres, Guterres
Tedros Adhanom Ghebreyesus | Tedros Adhanom, Tedros
Kristalina Georgieva
Ajay Banga
Ngozi Okonjo-Iwala | Okonjo-Iwala
Rafael Grossi | Grossi
Volker Türk
Karim Khan
Thomas Bach
Gianni Infantino | Infantino
Greta Thunberg | Thunberg
Malala Yousafzai | Malala
Julian Assange | Assange
Edward Snowden | Snowden
Lionel Messi | Messi
Cristiano Ronaldo | Ronaldo
Kylian Mbappé | Mbappé
Erling Haaland | Haaland
Novak Djokovic | Djokovic
Rafael Nadal | Nadal
Roger Federer | Federer
Carlos Alcaraz | Alcaraz
Jannik Sinner
Serena Williams
Simone Biles | Biles
Usain Bolt
Lewis Hamilton
Max Verstappen | Verstappen
`;
