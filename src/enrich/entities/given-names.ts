/**
 * Given names that compromise's lexicon lacks, from the parts of the world news comes from
 * (its list is mostly English-speaking). Lower case, diacritics folded.
 */
export const EXTRA_GIVEN_NAMES = `
ales alyaksandr aliaksandr siarhei sviatlana maryia raman viktar uladzimir zmitser pavel andriy
andrii oleksandr oleksii olena yulia mykola mykhailo dmytro volodymyr vitalii vitali yurii
serhiy serhii taras bohdan petro oksana iryna kateryna halyna ihor denys kyrylo rustem svetlana
yevgeny evgeny yevgeniy ekaterina yekaterina aleksandr aleksei alexey aleksey anatoly valery
valeriy gennady vyacheslav arkady nikita timur ruslan ramzan dzhokhar magomed akhmad narendra
rahul priya raj vijay anil sunil sanjay arvind mamata nitish yogi shashi smriti nirmala sonia
indira jawaharlal manmohan lal chand kumar amitabh rukh salman aamir deepika imran nawaz
shehbaz bilawal benazir asif maryam malala jun hiroshi takeshi yuki kenji haruki shinzo fumio
shigeru yoshihide sanae taro akihito naruhito jae min ji seo yeol suk hyun woo jin young kyung
myung chinedu ngozi oluwaseun emeka kwame kofi ama thabo sipho lerato cyril jacob julius uhuru
raila william wanjiru wangari yoweri bobi abiy tigist meles haile felix moise emmerson nelson
winnie desmond bola atiku goodluck muhammadu olusegun yemi tunde chimamanda wole bukola
funmilayo adebayo babajide kemi kehinde taiwo femi seun folake akinwumi jurgen jean jean-pierre
jean-luc jean-claude jean-marc francois-xavier francoise herve joao luiz inacio jair dilma lula
andres manuel gustavo ivan nayib dina ollanta kemal selin ebrahim nasrin yitzhak benjamin
binyamin bezalel itamar yair naftali ehud avigdor gideon yoav benny gadi eyal amos ilan tzipi
golda shimon ariel yahya ismail khaled marwan mahmoud saeb hanan hamdan tamim mohammed mohamed
muhammad mohammad ahmed ahmad hamad zayed abdulaziz abdelaziz abdel abdul abdullah abdallah
fattah abu ayman osama bashar hafez rifaat hassan hussein hosni anwar gamal saad saif moammar
muammar kais abdelmadjid masoud javad abbas mojtaba qasem qassem ruhollah akbar recep tayyip
ekrem hakan mevlut ahmet binali devlet meral selahattin xi jinping li qiang keqiang wang yi hu
jintao jiang zemin deng xiaoping zhou enlai liu chen lin zhang yang huang zhao wu ching-te
ing-wen wen-je nguyen thi duc minh phuc tran hun sen manet prayuth paetongtarn thaksin yingluck
srettha anutin joko prabowo megawati mahathir najib lee hsien loong lawrence rodrigo bongbong
ferdinand sara leni corazon gloria aung hasina khaleda ziaur mujibur giorgia giuseppe matteo
sergio mario enrico silvio elly paolo pedro santiago alberto yolanda isabel ines mateusz
andrzej jaroslaw donald radoslaw szymon karol rafal wladyslaw lech viktor peter andrej robert
zuzana petr tomas milos vaclav kyriakos alexis yanis andreas nicos mette magdalena ulf jonas
erna sanna petteri alexander emmanuel edouard gabriel michel jordan bruno manon marine eric
jean-noel segolene olaf friedrich annalena markus christian frank-walter horst ursula angela
boris alice mark dick geert rob frans charles bart aleksandar milorad zoran slobodan nikol
ilham kassym-jomart shavkat emomali sadyr maia igor volker tedros ajay kristalina antonio
rafael
daniil aryna iga elina marketa petra karolina barbora jelena dusan novak stefanos holger
taylor casper hubert grigor zheng qinwen yang ming hao lei wei xin yan jia
vinicius rodrygo endrick neymar kylian ousmane antoine aurelien raheem bukayo jude declan
erling kai toni joshua florian jamal leroy thomas manuel niclas karim thibaut luka
`;
