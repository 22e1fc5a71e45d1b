/**
 * Word classes whose members exclude each other when one replaces the other in an otherwise
 * identical sentence: co-hyponyms (a singer is not an actress, jazz is not bluegrass) and
 * antonyms (won/lost, increased/reduced). Written from general knowledge, not from any data set.
 *
 * A line is one class. Plain lines: every member excludes every other. Lines with " / ": words
 * on one side exclude words on the other, but words on the same side may be synonyms
 * ("increased raised" / "decreased reduced cut"). Lines starting "N:" are nouns: their regular
 * plurals are registered too ("tank" also matches "tanks"). Reciprocal roles (buyer/seller,
 * teacher/student, buy/sell) are left out: a paraphrase tells the same relation from the other end.
 */
const CLASSES: string[] = [
  // people: roles and professions
  'N:actor actress singer songwriter rapper producer director writer author novelist poet painter musician composer comedian dancer model journalist politician lawyer doctor physician nurse teacher professor scientist engineer architect businessman businesswoman entrepreneur footballer coach chef photographer drummer guitarist pianist screenwriter filmmaker editor designer athlete boxer wrestler priest soldier pilot astronaut banker accountant economist historian mathematician physicist chemist biologist philosopher sculptor surgeon dentist pharmacist farmer fisherman carpenter plumber electrician mechanic firefighter detective judge prosecutor sailor spy cartoonist illustrator violinist cellist bassist saxophonist trumpeter vocalist conductor choreographer playwright lyricist astronomer geologist psychologist sociologist anthropologist linguist archaeologist inventor diplomat activist cyclist swimmer sprinter golfer skier jockey',
  'N:president senator governor mayor minister congressman congresswoman ambassador chancellor king queen prince princess emperor empress pope bishop cardinal duke duchess earl baron sultan pharaoh',
  'N:father mother son daughter brother sister husband wife uncle aunt nephew niece grandfather grandmother cousin grandson granddaughter stepfather stepmother stepson stepdaughter boyfriend girlfriend widow widower',
  'N:parent child',
  'parents children',
  'N:adult child',
  'adults children kids',
  'mom dad',
  'male female',
  'N:man woman boy girl',
  'men women boys girls',
  'N:hero villain',
  'N:protagonist antagonist',
  'N:friend enemy foe',
  'N:ally enemy',
  'N:winner loser',
  'N:supporter opponent critic',
  'N:advocate opponent critic',
  // works, media, genres
  'N:film movie series show album song single novel book play opera musical documentary sitcom game magazine newspaper poem painting video sculpture cartoon comic anime manga podcast',
  'rock pop jazz blues country folk rap hip-hop metal punk bluegrass reggae soul classical electronic gospel disco techno funk grunge ska',
  'comedy drama horror thriller action romance romantic animated fantasy western mystery procedural medical sci-fi adventure superhero satire parody biopic',
  'comedy tragedy',
  'fiction nonfiction non-fiction',
  'fictional real',
  'sequel prequel remake',
  'N:guitar piano drum violin bass saxophone trumpet flute clarinet cello harp organ keyboard banjo accordion harmonica oboe trombone tuba mandolin viola',
  'football soccer baseball basketball hockey tennis golf cricket rugby boxing volleyball swimming cycling skiing wrestling badminton lacrosse handball polo softball snooker darts',
  'N:quarterback pitcher catcher goalkeeper striker defender midfielder forward guard',
  // things and places
  'N:plane car train ship boat truck bus bicycle helicopter tank spacecraft rocket submarine motorcycle satellite',
  'N:city town village country state province island continent',
  'N:school college university',
  'N:church mosque temple synagogue cathedral',
  'N:river lake mountain desert forest ocean sea valley',
  'N:dog cat horse cow pig sheep goat bird chicken fish snake lion tiger bear wolf elephant monkey rabbit mouse rat deer fox shark whale dolphin eagle',
  'gold silver bronze copper iron steel wood glass plastic stone aluminium aluminum',
  'hydrogen helium oxygen nitrogen carbon',
  'solid liquid gas',
  'physics chemistry biology mathematics history philosophy economics medicine law engineering geography astronomy psychology sociology linguistics',
  'beef pork chicken lamb',
  'coffee tea',
  'beer wine',
  'red blue green yellow black white orange purple pink brown gray grey',
  'army navy marines',
  'land sea air space',
  'spring summer autumn winter',
  'morning afternoon evening night',
  'dawn dusk',
  'sunrise sunset',
  'north south east west northern southern eastern western northeast northwest southeast southwest',
  'northward southward eastward westward',
  'left right',
  'upper lower',
  'top bottom',
  'inside outside',
  'indoor outdoor',
  'interior exterior',
  'internal external',
  'inner outer',
  'front rear',
  'upstream downstream',
  'vertical horizontal',
  'urban rural',
  'civilian military',
  'democratic republican',
  'democrat republican',
  'liberal conservative',
  'communist capitalist fascist',
  'left-wing right-wing',
  // sizes, order, degree
  'largest smallest biggest / smallest',
  'larger bigger / smaller',
  'highest / lowest',
  'higher / lower',
  'tallest / shortest',
  'taller / shorter',
  'heaviest / lightest',
  'heavier / lighter',
  'fastest / slowest',
  'faster / slower',
  'stronger / weaker',
  'strongest / weakest',
  'richer / poorer',
  'richest / poorest',
  'cheaper / dearer',
  'wider / narrower',
  'most / least fewest',
  'more / less fewer',
  'best / worst',
  'better / worse',
  'first / last final',
  'oldest eldest / youngest newest',
  'older elder / younger newer',
  'early / late',
  'earlier / later',
  'earliest / latest',
  'before / after',
  'above / below',
  'beginning start / end',
  'began started / ended finished',
  'begin start / end finish',
  'debut / final farewell',
  'minimum / maximum',
  'majority / minority',
  'many / few',
  'all / none',
  'everything / nothing',
  'everyone everybody / nobody',
  'always / never sometimes rarely seldom',
  'often frequently / rarely seldom never',
  'positive / negative',
  'success / failure',
  'successful / unsuccessful',
  'official / unofficial',
  'formal / informal',
  'direct / indirect',
  'able / unable',
  'known / unknown',
  'public / private',
  'domestic / foreign international',
  'rich wealthy / poor',
  'strong / weak',
  'formed founded / disbanded dissolved',
  'born / died',
  'birth / death',
  'life / death',
  'alive living / dead deceased',
  'victory win / defeat loss',
  'win / lose',
  'won / lost',
  'wins / losses',
  'winning / losing',
  'profit profits / loss losses',
  'gain gains / loss losses',
  'gained / lost',
  'true / false',
  'major / minor',
  'large big huge / small little tiny',
  'long / short',
  'high / low',
  'young / old',
  'ancient / modern',
  'new / old',
  'full / empty',
  'light / dark darkness',
  'good / bad evil',
  'hot / cold',
  'warm / cool cold',
  'happy / sad unhappy',
  'alive / dead',
  'open / closed shut',
  'legal / illegal',
  'lawful / unlawful',
  'guilty / innocent',
  'convicted / acquitted',
  'wet / dry',
  'fast / slow',
  'cheap / expensive',
  'safe / dangerous',
  'easy / difficult hard',
  'common / rare',
  'possible / impossible',
  'likely / unlikely',
  'popular / unpopular',
  'famous / unknown',
  'amateur / professional',
  'voluntary / mandatory compulsory',
  'temporary / permanent',
  'natural / artificial',
  'wild / domestic domesticated',
  'married / divorced single unmarried',
  'marriage / divorce',
  'peace / war',
  'peacetime / wartime',
  'love loved loves / hate hated hates',
  'heaven / hell',
  'increase increased increases increasing rise raised raise grew grow grows expanded / decrease decreased decreases decreasing reduce reduced reduces cut lowered',
  'accept accepted accepts / reject rejected rejects refused',
  'approve approved approves / reject rejected rejects vetoed',
  'agree agreed agrees / disagree disagreed disagrees',
  'allow allowed allows permitted / ban banned bans forbade forbidden prohibited',
  'include included includes / exclude excluded excludes',
  'hire hired / fire fired laid',
  'arrive arrived / depart departed left',
  'pass passed / fail failed',
  'succeed succeeded / fail failed',
  'create created / destroy destroyed',
  'build built / demolish demolished destroyed',
  'appear appeared / disappear disappeared vanished',
  'remember remembered / forget forgot forgotten',
  'attack attacked / defend defended',
  'offensive / defensive',
  'offense offence / defense defence',
  'support supported supports / oppose opposed opposes',
  'enter entered / exit exited',
  'east-west / north-south',
  'he / she',
  'his / her hers',
  'him / her',
];

interface Entry {
  cls: number;
  /** 0: excludes every other member; 1 or 2: excludes the other side only. */
  side: 0 | 1 | 2;
}

function plural(w: string): string {
  if (/(?:s|x|z|ch|sh)$/.test(w)) return `${w}es`;
  if (/[^aeiou]y$/.test(w)) return `${w.slice(0, -1)}ies`;
  if (w === 'man' || w === 'woman') return w.replace(/man$/, 'men');
  if (w === 'child') return 'children';
  if (/(?:wife|life)$/.test(w)) return w.replace(/fe$/, 'ves');
  if (w === 'wolf') return 'wolves';
  if (w === 'mouse') return 'mice';
  if (w === 'goose') return 'geese';
  if (w === 'sheep' || w === 'fish' || w === 'deer') return w;
  return `${w}s`;
}

const LEXICON = new Map<string, Entry[]>();
CLASSES.forEach((line, cls) => {
  const noun = line.startsWith('N:');
  const body = noun ? line.slice(2) : line;
  const sides = body.split(' / ');
  sides.forEach((part, k) => {
    const side = (sides.length === 1 ? 0 : k + 1) as 0 | 1 | 2;
    for (const w of part.split(' ').filter(Boolean)) {
      const forms = noun ? [w, plural(w)] : [w];
      for (const f of new Set(forms)) {
        const list = LEXICON.get(f) ?? [];
        if (!list.some((e) => e.cls === cls)) list.push({ cls, side });
        LEXICON.set(f, list);
      }
    }
  });
});

/**
 * Words of one class that may name the same thing: synonyms and spelling variants ("film"/"movie",
 * "aluminium"/"aluminum") and a kind within a kind ("novel" is a book, "pianist" a musician, a
 * "town" is often called a city). A swap between them is wording, never a contradiction.
 */
const SAME: string[] = [
  'film movie picture documentary',
  'show series programme program sitcom',
  'song single track',
  'book novel',
  'writer author novelist poet screenwriter playwright lyricist songwriter journalist editor',
  'musician singer songwriter vocalist rapper drummer guitarist pianist composer violinist cellist bassist saxophonist trumpeter conductor',
  'athlete footballer boxer wrestler cyclist swimmer sprinter golfer skier jockey',
  'scientist physicist chemist biologist astronomer geologist mathematician',
  'doctor physician surgeon',
  'lawyer attorney prosecutor',
  'businessman businesswoman entrepreneur',
  'director filmmaker',
  'producer filmmaker',
  'artist painter sculptor illustrator cartoonist',
  'city town',
  'town village',
  'country state nation',
  'college university school',
  'football soccer',
  'rap hip-hop',
  'romance romantic',
  'plane aircraft airplane jet',
  'ship boat',
  'car automobile',
  'sea ocean',
  'aluminium aluminum',
  'grey gray',
  'kids children',
  'large big huge',
  'small little tiny',
];

const SAME_GROUP = new Map<string, number[]>();
SAME.forEach((line, id) => {
  for (const w of line.split(' '))
    for (const f of new Set([w, plural(w)])) SAME_GROUP.set(f, [...(SAME_GROUP.get(f) ?? []), id]);
});

function sameThing(x: string, y: string): boolean {
  const gx = SAME_GROUP.get(x);
  return !!gx && !!SAME_GROUP.get(y)?.some((g) => gx.includes(g));
}

/** True when `a` and `b` are different words that exclude each other in some class. */
export function excludes(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return false;
  const ea = LEXICON.get(x);
  const eb = LEXICON.get(y);
  if (!ea || !eb || sameThing(x, y)) return false;
  // Negating prefixes ("successful"/"unsuccessful") are listed pair by pair, not derived: "in-"
  // and "dis-" make as many unrelated words ("proved"/"improved") as antonyms.
  for (const p of ea)
    for (const q of eb) if (p.cls === q.cls && (p.side === 0 || p.side !== q.side)) return true;
  return false;
}

/** Some word of `xs` excludes some word of `ys`. */
export function contrastPair(xs: string[], ys: string[]): boolean {
  // Closed-class names count too: in lower-cased text ("moved to paris" / "moved to london") they
  // are plain words, not name facts.
  for (const x of xs) for (const y of ys) if (excludes(x, y) || sameNameClass(x, y)) return true;
  return false;
}

/**
 * Proper names of one closed class: countries, US states, nationalities and languages, major
 * cities, religions, planets. Names that contain others or are often used for another thing
 * are left out ("British" covers "Scottish"; "Washington" is also the US government; "Kiev" and
 * "Kyiv" are one city). Two different members swapped in the same place name different
 * things; an arbitrary capitalised word may just be another way to name the same actor.
 */
const NAME_CLASSES: string[] = [
  'afghanistan albania algeria argentina armenia australia austria azerbaijan bangladesh belarus belgium bolivia bosnia brazil bulgaria cambodia cameroon canada chile china colombia croatia cuba cyprus czechia denmark ecuador egypt england estonia ethiopia finland france georgia germany ghana greece guatemala haiti honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan kenya korea kosovo kuwait laos latvia lebanon libya lithuania luxembourg malaysia mali malta mexico moldova mongolia montenegro morocco mozambique myanmar nepal netherlands nicaragua niger nigeria norway pakistan panama paraguay peru philippines poland portugal qatar romania russia rwanda scotland senegal serbia singapore slovakia slovenia somalia spain sudan sweden switzerland syria taiwan tanzania thailand tunisia turkey uganda ukraine uruguay uzbekistan venezuela vietnam wales yemen zambia zimbabwe',
  'afghan albanian algerian american argentine argentinian armenian australian austrian bangladeshi belgian bolivian bosnian brazilian bulgarian cambodian canadian chilean chinese colombian croatian cuban czech danish dutch ecuadorian egyptian english estonian ethiopian filipino finnish french georgian german ghanaian greek haitian hungarian icelandic indian indonesian iranian iraqi irish israeli italian jamaican japanese jordanian kenyan korean kuwaiti latvian lebanese libyan lithuanian malaysian maltese mexican mongolian moroccan nepalese nigerian norwegian pakistani palestinian panamanian peruvian polish portuguese romanian russian rwandan saudi scottish senegalese serbian singaporean slovak slovenian somali spanish sudanese swedish swiss syrian taiwanese thai tunisian turkish ugandan ukrainian uruguayan venezuelan vietnamese welsh yemeni',
  'arabic bengali cantonese dutch english french german greek hebrew hindi italian japanese korean latin mandarin persian polish portuguese russian spanish swahili turkish urdu',
  'alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia wisconsin wyoming',
  'amsterdam athens atlanta baghdad bangkok barcelona beijing berlin boston brussels budapest cairo chicago dallas delhi detroit dubai dublin edinburgh florence geneva hamburg houston istanbul jakarta jerusalem karachi lagos lisbon liverpool london madrid manchester manila melbourne miami milan montreal moscow mumbai munich nairobi naples oslo paris philadelphia prague rome seattle seoul shanghai singapore stockholm sydney tehran tokyo toronto vancouver venice vienna warsaw zurich',
  'buddhism christianity hinduism islam judaism sikhism',
  'buddhist christian hindu muslim jewish sikh',
  'catholic protestant',
  'mercury venus earth mars jupiter saturn uranus neptune pluto',
  'africa antarctica asia australia europe',
];

const NAME_CLASS = new Map<string, number[]>();
NAME_CLASSES.forEach((line, cls) => {
  for (const w of line.split(' ')) NAME_CLASS.set(w, [...(NAME_CLASS.get(w) ?? []), cls]);
});

/** Two single-word names (case-insensitive) that are different members of one closed class. */
export function sameNameClass(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return false;
  const ca = NAME_CLASS.get(x);
  return !!ca && !!NAME_CLASS.get(y)?.some((c) => ca.includes(c));
}
