"""Word lists for the moderation rules, written for this project.

They name what bag-of-words models miss: violence asked for rather than
reported ("should be hanged by the neck"), and hostility aimed at a group as a
group ("<group> are vermin"). Plain mentions of a group are not on any list here;
the group words serve only to find the target of an attack.
"""

from __future__ import annotations

#: Verbs of killing and grave violence, in the forms people write them.
VIOLENT_VERBS = (
    "hang|hanged|hung|lynch|lynched|shoot|shot|kill|killed|murder|murdered|execute|executed|"
    "behead|beheaded|slaughter|slaughtered|butcher|butchered|burn|burned|burnt|stab|stabbed|"
    "gas|gassed|bomb|bombed|nuke|nuked|exterminate|exterminated|massacre|massacred|torture|tortured|"
    "drown|drowned|guillotine|guillotined|strangle|strangled|castrate|castrated|shot dead|beaten to death|"
    "beat to death|strung up|string up|wiped out|wipe out|eliminated|eliminate|rape|raped|"
    "eradicate|eradicated|put to death"
)

#: The base forms, which make an order when followed by their victims ("kill them all").
ORDER_VERBS = (
    "hang|lynch|shoot|kill|murder|execute|behead|slaughter|butcher|burn|stab|gas|bomb|nuke|exterminate|"
    "massacre|torture|drown|eliminate|eradicate|wipe out|string up"
)

#: Who a call to violence can be aimed at.
TARGETS = (
    r"him|her|them|you|it|all of them|every one of them|these|those|the lot|that|this|the|all|every|"
    r"traitors?|these people|those people|[a-z]+s"
)

#: Calls to violence: (pattern, what it is). Lower-cased text; ``{v}`` is :data:`VIOLENT_VERBS`,
#: ``{o}`` :data:`ORDER_VERBS`, ``{t}`` :data:`TARGETS`.
VIOLENT_CALLS = (
    (
        r"\b(?:should|must|ought to|needs? to|deserves? to|has to|have to|had better|will|shall|oughta)"
        r"(?: all| just| simply| really| definitely| publicly)? (?:be |get )(?:{v})\b",
        "calls for violence against someone",
    ),
    (
        r"\b(?:let'?s|lets|we should|we must|we need to|someone should|somebody should|someone needs to|"
        r"i will|i'll|i am going to|i'm going to|im going to|i'm gonna|im gonna|gonna|i want to|i'd love to|"
        r"i would love to|i'd|i hope someone|hope someone|time to|go|please) (?:{v}) (?:{t})\b",
        "calls for or threatens violence",
    ),
    (r"(?:^|[.!?;:]\s*)(?:{v}) (?:him|her|them|the bastards?|the traitors?|all of them|them all)\b", "orders violence"),
    (r"\b(?:{o}) (?:all|every|each|them|these|those|the whole)\b", "calls for violence against people"),
    (r"\b(?:die in a fire|burn in hell|rot in hell|gas chambers?|genocide|ethnic cleansing|"
     r"off the face of the earth|off the map)\b", "wishes death on people"),
    (r"\bby the neck\b", "calls for a hanging"),
    (r"\b(?:string|hang) (?:him|her|them|'em|the \w+) up\b", "calls for a lynching"),
    (r"\b(?:firing squad|the gallows|a noose|the noose|the guillotine|the electric chair)\b", "names an execution"),
    (r"\b(?:deserves?|deserved|should get|needs?) (?:to die|death|a bullet|the rope|the chair|to hang|to be shot)\b",
     "wishes death on someone"),
    (r"\b(?:should|must|will|needs? to|deserves? to|ought to) die\b", "wishes death on someone"),
    (r"\b(?:i hope|hope|wish|praying) (?:you|he|she|they|that \w+) (?:die|dies|get killed|gets killed|"
     r"burn|burns|rot|rots|get shot|gets shot|hang|hangs)\b", "wishes death or harm on someone"),
    (r"\b(?:put|put a|a) bullet (?:in|through|between)\b", "threatens to shoot"),
    (r"\bagainst the wall\b", "calls for an execution"),
    (r"\bdeath to\b", "calls for death"),
    (r"\b(?:i|we)(?: will|'ll| are going to| am going to|'m going to| gonna) (?:find|hunt|get|come for|"
     r"kill|hurt|beat|break)(?: you| him| her| them| your)\b", "threatens someone"),
    (r"\b(?:kill|hang|shoot) (?:yourself|urself|yourselves)\b|\bkys\b", "tells someone to kill themselves"),
)

#: Groups named by religion, nationality, ethnicity, gender or sexuality (plural forms, lower case).
GROUPS = (
    "muslims|moslems|islamists|jews|jewish people|christians|catholics|hindus|sikhs|buddhists|atheists|"
    "blacks|black people|whites|white people|asians|asian people|latinos|hispanics|mexicans|africans|arabs|"
    "immigrants|migrants|refugees|foreigners|illegals|chinese|indians|pakistanis|russians|americans|"
    "europeans|germans|jewish|gays|gay people|lesbians|homosexuals|trans people|transgenders|queers|"
    "women|females|feminists|men|males|liberals|conservatives|leftists|democrats|republicans|"
    "gypsies|roma|natives|somalis|syrians|afghans|iranians|turks|poles|romanians|ukrainians|israelis|palestinians"
)

#: What dehumanises or condemns a whole group.
DEHUMANISING = (
    "animals|vermin|parasites|rats|cockroaches|roaches|savages|subhuman|sub-human|scum|filth|trash|garbage|"
    "a disease|a cancer|a plague|a virus|inferior|pigs|dogs|monkeys|apes|beasts|barbarians|"
    "evil|the enemy|a threat|terrorists|rapists|criminals|invaders|a curse|worthless|disgusting|"
    "mentally ill|sick|retarded|inbred|backward|stupid|dirty|filthy"
)

#: Group-directed attacks: (pattern, what it is). ``{g}`` is :data:`GROUPS`, ``{d}`` :data:`DEHUMANISING`.
GROUP_ATTACKS = (
    (r"\b(?:{g}) (?:are|is|were|r) (?:all |just |nothing but |simply |basically |like )?(?:{d})\b",
     "dehumanises a group"),
    (r"\b(?:all|these|those|the|filthy|dirty|bloody|fucking|damn) (?:{g}) (?:should|must|need to|deserve to) "
     r"(?:be |get )?(?:deported|banned|expelled|removed|sent back|locked up|exterminated|gassed|shot|killed|"
     r"wiped out|eradicated|die)\b", "calls for action against a group"),
    (r"\b(?:deport|ban|expel|exterminate|gas|kill|get rid of|send back|wipe out|eradicate|round up) "
     r"(?:all )?(?:the |these |those |of the )?(?:{g})\b", "calls for action against a group"),
    (r"\bgo back to (?:your|their|africa|mexico|china|india|the desert|your own) ?(?:own )?(?:country|countries|"
     r"shithole|cave)?\b", "tells people to leave for who they are"),
    (r"\b(?:filthy|dirty|stinking|subhuman|inbred) (?:{g})\b", "insults a group"),
)
