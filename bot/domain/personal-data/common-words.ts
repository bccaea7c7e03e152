/**
 * Ordinary English words (and words common in fostering questions) that are never taken for a name when they stand
 * where a name could: after "my foster son", after a first name (as a surname), after "I'm". Lower case.
 * Written from general knowledge; a word missing here only matters for a word that is not a known first name.
 */
const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

export const COMMON_WORDS = words(`
a about above absent abuse accept access according across act acting actually add address adopted adoption advice
after afternoon again against age aged agency ago agree ahead all allowance allowed almost alone along already also
although always am among an and angry annual another answer anxious any anyone anything anyway anywhere apparently
appointment approval approved are area aren't arent around arrange arranged as ask asked asking asks at attend away
baby back bad bag bank based be because become bed bedroom been before behaviour behind being believe below best
better between big birth birthday bit book booked booking born both bought boy boys break bring brother brought bus
busy but buy by call called calling calls came can can't cannot cant car card care carer carers case cause centre
certain chance change changed check child children choose christmas claim class clear close clothes club coming
concerned contact continue could couldn't couldnt council counsellor course court cover covid cried cry crying currently
dad daily date daughter day days dear decide decided delegated dentist did didn't didnt different difficult doctor
does doesn't doesnt doing don't done dont down drive driving drop during each early easier easy eat eating else email
emailed end enough even evening ever every everyone everything exactly except expect explain family far fee feel
feeling feels felt few fill finally find fine first food for form found foster fostered fostering free friday friend
friends from front full fund funding further get gets getting girl girls give given giving go goes going gone good
got gp group had hadn't hadnt half happen happened happening happens happy hard has hasn't hasnt hate have haven't
havent having he he's head health hear heard help helped her here hers herself hes hi him himself his hit holiday
holidays home hospital hours house how however hurt i i'd i'll i'm i've id if ill im in incident instead into is isn't
isnt it it's its itself ive just keep keeping keeps kept kid kids kind knew know knows last late later lately leave
leaving left less let letter life like liked likes little live lives living local long look looked looking lot lots
love loves lovely made make makes making many may maybe me mean meant meet meeting mine miss missed missing moment
monday money month more morning most mostly move moved moving much mum must my myself name named near need needed
needs never new news next nice night no nobody none normal not nothing now number of off often oh ok okay old on once
one only onto or other others our ours out over own paid parent parents part pay payment people per perhaps person
phone pick placed placement play please police poorly possible potentially probably problem problems put question
quite rang rather read ready really reason recently refuses refused review right ring room run running sad said same
saturday saw say saying says school second see seeing seem seemed seems seen self sent she she's shes should shouldn't
sick since sister sleep slept small so social some someone something sometimes son soon sorry speak spoke start
started starting starts stay stayed staying still stop stopped such suddenly sunday supervised support supposed sure
take taken takes taking talk talked talking teacher tell telling tells than thank thanks that that's thats the their
them then there there's these they they're thing things think this those though thought through thursday till time
times tired to today together told tomorrow tonight too took town training tried tries trip trouble tuesday turned
two under understand unless until up upset us use used usual usually very visit wait waiting want wanted wants was
wasn't wasnt way we we're we've wednesday week weekend weekends weeks well went were weren't what what's whats when
where whether which while who whole whom whose why will with without won't wont work worker working worried worry
would wouldn't wouldnt write wrong year years yes yesterday yet you you're your yours yourself
able accepted across added admit afford agreed allow answered anymore apply applied appear argue arrive arrived
asleep attend attended avoid awake bath became begin behave believe belong borrow bother breakfast bring bringing
build bully bullied calm can't care cared carry catch caught cause celebrate chat cheer choose clean climb collect
collected come comes complain complained concern cook cope copy cost could count cover crash dance deal decide
describe die dinner disappear discuss do drink drives drove dropped earn eaten email emailing enjoy enter escape
everybody exam explain fail fall fed feed fight fighting fill finish fit fix fly follow forget forgot gave gonna gotta
grow guess hand handle hang happen hear hide hold hope hug ignore improve include join jump kick kill kiss knock
learn lend lie lied lift listen lose lost lunch manage mention message messaged messages mind moan nap notice obey
offer open order own pack paint pass pay phoned picked pinch plan played please post pray prefer prepare promise
pull punch push quit rang reach realise receive remember remind reply report rest return ride rise rob rude rush
scared scream screamed sell send share shout shouted show shower sign sing sit smoke snack spend spent split stand
steal steals stole study swear swim teach text texted texting thank threw throw tidy touch travel treat trust try
turn understand upstairs visit vomit wake walk wash watch wave wear weird win wish wonder worked write wrote yell
yelled also maybe gonna wanna quickly back home away out over around off though yet too already soon still ever
ok okay alright hmm yeah yep nope not no yes so very really just only even
o clock hour minute minutes mile km metres foot feet pound pounds quid mins hrs dogs dog cat cats pets
`);

/** Organisations, services and apps a carer names: capitalised like a name, never one. */
export const ORGANISATIONS = words(`
ofsted cafcass barnardo barnardos coram tact nspcc mockingbird kinship fostering network council nhs camhs dwp hmrc
tesco asda aldi lidl sainsburys morrisons primark amazon argos boots facebook snapchat instagram tiktok whatsapp
youtube google netflix xbox playstation roblox fortnite minecraft nintendo iphone android ipad paypal ebay vinted uber
action children lifelong links
`);
