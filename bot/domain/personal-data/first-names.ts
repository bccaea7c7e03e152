/**
 * Common first names in the UK, written from general knowledge (birth registrations across the decades and the
 * communities a fostering service works with), not from any labelled set. Lower case.
 *
 * FIRST_NAMES are not ordinary English words, so they are taken for a name wherever they stand.
 * WORD_NAMES are also ordinary words ("grace", "will", "ruby"): taken for a name only with a person cue.
 * PLACE_NAMES are also places ("jordan", "chester"): a name unless a place preposition stands before them.
 */
const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

export const FIRST_NAMES = words(`
aadhya aaliyah aarav aaron abbie abby abdallah abdi abdirahim abdirahman abdul abdullah abdullahi abel abena abi
abigail abimbola achieng ada adaeze adam adan adaora adebayo adeel adele adeola adil adina aditi aditya adnan adrian
adriana adunni advik adwoa aeron afia afolabi afonso afsana agata agatha agne agnes agnieszka ahmad ahmed ahmet aidan
aiden aileen ailsa aimee aine aisha aisling aiyana ajay akash akeem akosua akua alaa alan alana alanna alannah alayna
alba albert alberto albie aleena alejandro aleksander aleksandr aleksandra alesha alessandro alessia alex alexa
alexander alexandra alexandru alexia alexis aleyna alfie alfred ali alia alice alicia alina alisha alishba alison
alissa alistair aliya aliyah alizeh allan allen alma alya alyssa ama amaan amaka amal aman amanda amani amar amara
amari amarjit amaya amelia amelie amellia amilia amina aminah amir amira amit amna amrit amy ana anas anastasia anaya
anders andrea andreas andreea andrei andrej andrew andrius andriy andy aneeqa aneesa angela angelica angelina angus
anika anil anis anisa anita anjali anju anjum ann anna annabel annabelle annalise anne annette annie anouska ansel
anthony antoine anton antonia antonio anwar anya aoife arabella araminta arben archibald archie ardit aria ariana
arianna ariel arif arjun arlo armaan arnav arnold arran artem arthur arturs arun arvind arya aryan asad asha ashanti
ashleigh ashley ashok ashraf ashton asif asim aslam asma asmaa aston astrid atticus aubree aubrey audrey aurelia
aurora ava avani averil avery avi awais axel ayaan ayah ayan ayanna ayat ayesha ayla ayman aymen ayo ayodele ayomide
ayrton ayse azaan azhar azra babajide babatunde baljit balwinder baran bartek bartosz bashir basia bea beatrice
beatrix beatriz becca beccy becky belinda bella ben benedict benjamin benji berat bernadette bernard bertie beryl
besnik bess bessie beth bethan bethany betty bev beverley bianca bilal billie billy bina bisi blake blanche bobbie
bobby bogdan bohdan bola bonnie boris bozena brad bradley brandon brayden braydon brenda brendan brett brian briana
brianna bridget britney brodie brody bronwen bronwyn brooke bruce bruno bryan bryony bukola bushra byron caden caiden
caitlin caitlyn caleb callan callie callum calum calvin cameron camila camilla caoimhe cara carl carla carlos carly
carmel carmen caroline carrie carys casey cassandra cassie catherine cathy catriona cecilia cecily cedric celeste
celia cerys chanel chantal chantelle charis charlene charley charlie charlotte chaya chelsey cheryl chiamaka chidi
chinedu chinonso chinwe chioma chipo chloe chris christina christine christopher chukwuma cian ciara ciaran cillian
claire clara clare clarissa claudia clayton cleo clifford clive clodagh cody colette colin colm connie connor conor
constance cora corey cormac cosmin courtney craig cristian cristina cullen cynthia cyril dafydd dalia damian damien
damilola damon dana daniel daniela daniella danielle danny danuta dara darcey darcie darcy daria darius dariusz
darnell darragh darren daryl daryna dave davey david davina dawid dawit dayna dean debbie deborah debra declan deepak
deepika deirdre delia delilah delroy demi denis denisa denise dennis deon derek dermot desmond dewi dhruv diana diane
dianne dilan dilip dillon dimitri dina dinesh diogo divya dmitri dmytro dominic dominik dominika donald donna donovan
doreen doris dorota dorothy douglas duarte duncan dwayne dylan eamon eamonn ebere ebuka edan eddie edgar edie edith
edmund edna edward edwin edyta efua egle eileen eilidh eilish elaine eleanor elena eleni eli elias elif elijah elin
elina elinor eliot elira elise eliza elizabeth ella elle ellen ellie elliot elliott ellis elodie eloise elsa elsie
elspeth elwyn elzbieta eman emanuel emeka emelia emil emilia emilie emily emma emmanuel emmie emmy emre enid enzo eoin
eric erica erin erion ermal ernest ernie esa esi esmae esme esther ethan ethel etienne euan eugene eunice eva evan
evangeline evelyn everett everly evie ewa ewan eyob ezra fahad faisal faiza faizan farah farai farhad farhan farid
farida faris farzana fatima fatma fatmata fatuma fawad fay fayola fearne felix femi ffion filip filmon finlay finley
finn finnley fiona fionn florin folake francesca francesco francis francisco frankie fred freddie freddy frederick
freya funmi gabriel gabriela gabriella gabrielle gail gareth garry gary gavin geeta gemma geoff geoffrey george
georgiana georgie georgina gerald geraldine gerard gethin gheorghe ghulam gillian gina giorgio giovanni gladys gloria
glyn goncalo gordon gosia gracie graham grainne grazyna greg gregory greta grzegorz gurdeep gurpreet gwen gwendolyn
gwyn habib hadi hadiya hafsa hailey haleema haley halima halina hallie hamid hamish hamza hana hani hannah hardeep
haris harjit harley harold haroon harper harpreet harriet harris harrison harry haruka harun harvey harvinder hasan
haseeb hassan hattie hayden haydn hayley heidi helen helena hema henok henry herbert hesham hettie hevin hilary hilda
hina hitesh hodan howard hugh hugo humaira humza hussain hussein huw iain ian ibrahim idris ieuan ieva ifeoma ifrah
igor ikenna ikram ikran ilham ilyas imaan iman imani imogen imran ina inaaya inaya inderjit ines ingrid inna ioan
ioana ione ionut iqbal iqra irena irene irfan irina iryna isaac isabel isabela isabell isabella isabelle isaiah isha
ishaan ishan ishani ishaq isla ismail isobel isobella ivan ivana iwan iwona iyla izaak izabel izabela izabella izzie
izzy jabari jac jacek jackie jackson jacob jacqueline jacqui jacub jaden jadwiga jagdeep jaheim jahid jahmal jai
jaiden jake jakub jamal jamel james jameson jamie jamila jana jane janet janice janine jannat janusz jared jarrah jas
jasmin jason jasper jaspreet jasvinder jaswinder jatinder javad javed javier jawad jaxon jaxson jaya jayda jayden
jaydn jaydon jayesh jayne jayson jazmin jeanette jeannie jeff jeffrey jemima jemma jenna jennifer jenny jenson
jeremiah jeremy jermaine jerome jerzy jess jesse jessica jessie jethro jia jill jim jimmy jiya jo joan joanna joanne
joao jocelyn jodie joe joel joey johan johanna john johnny jolanta jon jonah jonas jonathan joni jorge jose joseph
josephine josh joshua josie jovana joyce juan jude judith judy jules julia julian julie juliet julius junaid justin
justyna jyoti kacee kacey kaci kacie kacper kacy kadeem kaden kadie kai kaia kaiden kaitlyn kaiya kaley kamal kamaljit
kamau kamil kamila kamla kamran kara karam kareem karen karim karina karl karla karol karolina kashif kasia katarzyna
kate katelyn kateryna katherine kathleen kathryn kathy katie katrina katy kavita kavya kay kaya kaycee kayde kayden
kaydon kayla kaylan kaylee kayleigh kayley kaylie kaylum keegan keeleigh keeley keenan kehinde keighley keira keiran
keisha keith kelechi kelly kelsey kemar kemi kemoy ken kenneth kenny kenzi kenzie keri kerry kev kevin khadija khadra
khalid khalil kian kiana kiara kiera kieran kierra kiley kim kimberley kimberly kinga kiran kirsten kirsty kishore
klea kobe kodi kofi kojo komal konrad kris krish krishna kristian kristina krystal krystyna krzysztof kuba kuldeep
kurt kwabena kwaku kwame kweku kwesi kyla kyle kylee kylie kyra kyran lacey lachlan lacie laila lailah lainey laith
lamar lana lara larisa latisha latoya laura lauren laurence lauryn layla leah leanne leighton leila leilani lena
lennon lenny leo leon leona leonard leonie leonor lerato leroy les lesley leslie leszek lewis lexi lexie leyah leyla
leyton liam libby lila lilah lilia lillian lilly linda lindsay lindsey linh lionel lisa liz liza lizzie lloyd logan
lois lola lorcan lorenzo loretta lorna lorraine lottie louie louis louisa louise luan luca lucas lucia lucian lucie
lucinda lucja lucy luis luka lukas lukasz luke luna lyla lyndon lynn lynne lyra mabel macie maciej mackenzie macy
maddie maddison maddox madeleine madhu madison mae maeve magda magdalena mahad mahdi maher mahi mahmood mahnoor mai
maisie maisy maja majid makayla makenzie maksym malachi malak malcolm malgorzata maliha malik malika mandeep mandy
manju manoj manpreet mantas manuel mara marc marcel marcia marcin marco marcus marek margaret margot maria mariam
mariana marie marilyn mario marion marissa marius mariusz marjorie marko marley marlon marnie marsha marta martha
martin martina martyn marwa marwan mary maryam mateo mateusz mathew mathias matilda matilde matteo matthew maureen
maurice mavis maxwell maya mckenna mckenzie meera megan meghan mehdi mehmet mehreen mei melanie meleri melissa merve
mia micah michael michaela michal michelle miguel mihaela mihai mikael mikey mila milad milan mildred milena miley
milica millie milly milo mina minh minnie mira mirela miriam misha mitchell mohamad mohamed mohammad mohammed mohammod
mohamud mohsen mohsin moira mollie molly monica monika morag morgan moses moshe muhamad muhammad muhammed mujahid
mujtaba mukesh mumtaz munira murat muriel murray musa mustafa mykola mylo nabeel nadeem nadia naeem nahla naila nancy
naomi naresh nasima nasir nasreen natalia natalie nataliya natasha nathan nathaniel navdeep naveed navid navjot nazia
neal neha neil nell nellie nevaeh ngozi nia niall niamh nicholas nicky nico nicola nicole nidhi nigel nikhil nikita
niko nikola nikolai nina nirmala nisha nishat nitin njeri nkechi nnamdi nneka noah nomvula noor nora norah norma
norman nour nova nuala nur nusrat nyasha nyla obinna oisin oksana ola olamide oleg oleksandr olena olga oliver olivia
oliwia ollie olly olu oluwaseun oluwatobi omar omari ophelia orion orla orlaith oscar osian oskar otieno otis owain
owen oyin ozzy padraig paige pamela paolo paramjit parisa parminder parul parveen patricia patrick patryk paul paula
paulina pauline pawel pedro peggy penelope percy petar pete peter petra phil philip philippa phillip phoebe phyllis
pietro piotr pippa pixie polina polly pooja pradeep prakash pranav praveen preeti prisha priya priyanka przemek pushpa
quinn rachael rachel radek rafael rafal rafe rafferty raheem rahim rahul raj rajesh rajinder rajiv rakesh ralph
ralphie ramesh rami rana rania ranjit raphael rashid ravi raya rayan raymond razvan rebecca rebekah reece reem reggie
rehan rekha remi renata reuben reza rhea rhian rhiannon rhona rhys ria ricardo richard ricky rihanna riley rio rishi
rita riya rizwan robbie robert roberta roberto robyn rocco rodrigo rohan roisin rojin rokas romeo ron ronald ronan
ronnie rory rosa rosalie rosanna roscoe roseanne rosie ross rowena roxana roxanne roxy roy roya rozerin ruairi ruben
rubina rudo rudy rufus rukhsana rupa rupert russell ruta ruth ryan rylan rylee ryley saad sabah sabrina sachin sadia
sadie safiya sagal sahar sahil sai saif saima saira sajid salim salma sam samantha sameer sami samia samina samir
samira samson samuel sana sandeep sandra sanjay sanjeev santiago saoirse sara sarah sasha saskia satnam savita
scarlett scott seamus sean sebastian seema segun selam selin selina senait seren serena serhat serhiy seth seun
shabana shaheen shahid shakira shamim shana shane shanelle shania shanice shannon shantel shaquille sharon shaun
shauna shawn shazia sheila shelby shelley sheridan shirin shiv shivani shobha shona shreya sid siddharth sienna simon
simone simran sinead siobhan sion sipho siti sizwe slawomir smita sobia sofia sofie sofiia sofiya sohail solomiya
sonal sonia sophia sophie sophy soraya stacey stan stanislaw stefan stella stephanie stephen steve steven stewart
stuart sufyan suhail sukhdeep sukhjinder sukhvinder sully sumaya sumayyah sunil sunita suresh susan susannah sushma
suzanne svetlana swati sybil sylvia sylwia szymon tadeusz tadhg tafadzwa tahir tahira taiwo tallulah tamara tamsin
tanaka tania tanisha tanveer tanvi tanya tara taras tarek tariq tasha tate tatenda tatiana tayla taylor teagan ted
tegan tejinder temi tendai terence teresa teri terri tess tessa tetiana thabo thandiwe thanh thea theo theodore
theresa thomas tia tiago tiana tianna tiegan tiffany tilly tim timothy tina tinashe tobi tobias tobiloba toby tolu tom
tomas tomasz tomi tommy toni tonya tracey tracy travis trevor tristan tunde tyla tyler tyra tyreke tyrese tyrone tyson
uchenna ugo umair umar urszula usha usman uzma valentin valentina valerie vanessa varun vasile vera veronica vic vicky
vienna vihaan vijay vikas vikram viktor viktoriia vince vincent vinnie vinod virginia vitaliy vivian vivienne vlad
wahid walid wambui wanda wanjiru waqas wayne wendy weronika wesley wiktoria wilbur wilf wilfred william wilson
winifred winnie wojciech woody xander xavier yaa yahya yakoub yakub yaman yana yara yaroslav yash yasin yasir yasmin
yasmine yaw yemi yetunde ying yohannes yonas yosef yousef yousif youssef yousuf yulia yuri yusef yusra yusuf yvette
yvonne zac zach zachariah zachary zahid zahra zaid zain zainab zak zakaria zakariya zane zara zaria zawadi zayn
zbigniew zeeshan zeynep zion zlata zoe zoey zofia zohra zosia zoya zoë zubair zuzanna
`);

export const WORD_NAMES = words(`
ally amber angel april archer art ash august autumn bear belle bill blessing bob brook buster carol chase clement
cooper crystal daisy dawn destiny diamond dolly don drew earl ebony eden faith favour felicity fern frank gene gift
ginger grace grant guy harmony hazel heather heaven holly honey hope hunter iris ivy jack jade jan jasmine jay jean
jewel joy june kit lee lily lucky marina mark mason matt max may melody mercy mike miles miracle nick noel olive paddy
pat patience pearl penny piers poppy precious rain ray reed rich river rob robin rocky roger rose rosemary rowan ruby
rusty sally sandy scarlet sky skye sonny storm sultan summer sunny teddy terry tony trinity troy victor viola violet
wade warren will willow
`);

export const PLACE_NAMES = words(`
adelaide austin barry beverley brooklyn camden carlisle chelsea chester clifton dakota dallas denver derby devon florence
georgia harlow india israel jersey jordan kendal kent kenya kingston lincoln milton paris phoenix preston roman savannah
shelby shirley sidney stafford stanley sydney victoria warwick
`);
