"""Question forms no clause of a conduct policy can answer, however many of its words they share.

A social media policy says what adults must and must not do. It does not hold look-up facts (a
registered charity number, what an acronym stands for, a list the law defines, a minimum age), the
procedures of other policies (accident and incident forms, first aid, a missing child, how long records
are kept), or product advice (which antivirus, which phone to buy). Questions of these forms often share
strong words with a clause ("protected characteristics" with 6.20, "records" with 6.18), so a score
cannot tell them apart; their form can. Each pattern is a regular expression over the lower-cased
question with apostrophes removed, written from how people ask, not from any one question.
"""

from __future__ import annotations

import re

_NUMBERS = r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
_PRODUCTS = (
    r"(?:antivirus|anti virus|anti-virus|virus checker|virus protection|vpn|phone|phones|mobile|smartphone|iphone"
    r"|android|laptop|laptops|tablet|tablets|ipad|computer|pc|macbook|chromebook|browser|password manager"
    r"|headphones|earbuds|camera|printer|router|broadband|provider|network|sim|sim card|phone contract|charger"
    r"|case|smartwatch|watch|console|speaker|webcam|microphone|mic)"
)

OUTSIDE: tuple[str, ...] = (
    # What an acronym or abbreviation stands for.
    r"\b(?:what|wat) (?:does|do|did|is) (?:the )?(?:[\w-]+ ){0,2}(?:stand|stands) for\b",
    r"\b(?:what|wat) (?:does|do|is) (?:the )?(?:acronym|abbreviation|initials|letters) [\w-]+\b",
    r"\b(?:what is|whats|what are) [\w-]+ short for\b",
    r"\b(?:full form|full name|meaning) of (?:the )?(?:acronym|abbreviation|initials)\b",
    r"\bwhat (?:is|are) the (?:acronym|abbreviation|initials)\b",
    # Contact details the policy does not hold: a number, an email address, a postcode.
    r"\b(?:what is|whats|where is|wheres|where can i find|where do i find|who has|whos got) (?:the|our)"
    r"(?: [\w-]+){0,3} (?:phone number|mobile number|contact number|telephone number"
    r"|number|email address|email|postcode|post code|address|contact details)\b",
    # Registration and identification numbers of the charity.
    r"\b(?:registered|registration|reg|charity|company|vat|companies house|charity commission)"
    r" (?:charity )?(?:number|no|num|code|id)\b",
    r"\bis (?:the charity|leaps|the organisation|it) (?:a )?registered\b",
    # Ages, limits and other look-up numbers the policy does not set.
    r"\b(?:minimum|maximum|min|max|youngest|oldest|lowest|legal|required) age\b",
    r"\bage (?:limit|limits|requirement|requirements|restriction|restrictions|range)\b",
    r"\bhow old (?:do|does|must|should|can|have) (?:you|i|we|they|someone|somebody|volunteers|staff|people|leaders)"
    r" (?:\w+ ){0,2}(?:be|to be)\b",
    r"\bhow old (?:is|are) (?:too young|too old|old enough)\b",
    r"\b(?:at what age|what age (?:can|do|does|should|must|is|are|would)|age of consent|legal age"
    r"|old enough to (?:volunteer|work|drive|have|use|be on|get|join|sign))\b",
    # Times and arrangements of sessions, which the rota and timetable give.
    r"\bwhat time (?:should|do|does|will|is|are|shall|must|can) (?:i|we|you|it|the|they|our)\b",
    r"\bwhen (?:does|do|is|will) (?:the |our )?(?:[\w-]+ ){0,2}(?:start|starts|finish|finishes|end|ends|open|opens"
    r"|close|closes|leave|leaves|get back|pick up)\b",
    # Helplines and agencies' numbers, which other policies and notices give.
    r"\b(?:number|phone number|helpline|hotline|helpline number|email address|contact details|website) (?:for|of)"
    r" (?:the )?(?:nspcc|childline|lado|mash|police|ceop|council|samaritans|helpline|safeguarding hub|social services"
    r"|childrens services|ofsted|local authority|dbs)\b",
    r"\bwhat (?:number|helpline) (?:do|should|can) (?:i|we|you) (?:ring|call|phone|text)\b",
    # Lists the law or another document defines.
    rf"\b(?:what|which) are (?:the|all the|all) {_NUMBERS} [\w-]+",
    r"\b(?:list|name|tell me|give me) (?:all |every |each )?(?:of )?the (?:[\w-]+ ){0,2}(?:protected characteristics"
    r"|british values|categories of abuse|types of abuse|signs of abuse|forms of abuse|principles)\b",
    r"\b(?:what|which) are (?:the |all the )?(?:protected characteristics|british values|categories of abuse"
    r"|types of abuse|forms of abuse|signs of abuse|four types|main types)\b",
    r"\b(?:which|what) (?:characteristics|groups|traits|grounds) are protected\b",
    r"\bhow many (?:protected characteristics|british values|types of abuse|categories of abuse|principles)\b",
    # Procedures of other policies: accidents, incidents, first aid, missing children, emergencies.
    r"\b(?:fill in|fill out|complete|write up|do|find|get|where is|wheres) (?:an|the|a) (?:[\w-]+ ){0,2}"
    r"(?:incident|accident|injury|near miss|body map) (?:form|forms|report|book|log|sheet)\b",
    r"\b(?:accident|injury|near miss|first aid|body map) (?:form|forms|book|log|sheet|report)\b",
    r"\b(?:first aid|first aider|first aiders|first-aid|cpr|recovery position|defib|defibrillator|epipen|epi pen"
    r"|calpol|paracetamol|medication|medicine|medicines|inhaler|allergic reaction|head injury|head bump|sprain"
    r"|sprained|broken arm|broken wrist|bleeding|nosebleed)\b",
    r"\b(?:seizure|seizures|epilepsy|epileptic|diabetic|diabetes|anaphylaxis|anaphylactic|concussion|vomiting"
    r"|temperature|fever|medical needs|medical condition|medical conditions)\b",
    r"\b(?:fell|falls|fall|fallen|tripped|trips) (?:over|off|down|from|and hurt|and cut|and bumped|in the)\b",
    r"\bfor a (?:fall|trip|bump|cut|graze|burn|sting|bite)\b",
    r"\b(?:child|kid|young person|attendee|boy|girl|one of the kids|one of the children) (?:has |had |is |was )?"
    r"(?:gone missing|went missing|goes missing|is missing|missing|ran away|run away|runs away|wandered off"
    r"|not been collected|hasnt been collected|wasnt collected|not picked up|hasnt been picked up"
    r"|has not been picked up"
    r"|wasnt picked up|not been picked up)\b",
    r"\b(?:late pick up|late pickup|late collection|nobody came to collect|no one came to collect|nobody has collected"
    r"|no one has collected|not been collected)\b",
    r"\b(?:lost|losing|cant find|cannot find|can not find) (?:a|one of the|one of our) (?:child|kid|kids|children"
    r"|young people|young person|attendee|attendees)\b",
    r"\b(?:fire drill|fire alarm|evacuation|evacuate|lockdown procedure|fire exit|fire exits|assembly point)\b",
    # Gifts and hospitality, and where another policy is kept.
    r"\b(?:accept|take|receive|keep|give|buy|get|got) (?:a |an |the |them a |him a |her a )?(?:[\w-]+ ){0,2}"
    r"(?:gift|gifts|present|presents|gift card|gift voucher|voucher|vouchers|bottle of wine"
    r"|box of chocolates)\b",
    r"\bwhere (?:do|can|would|should) (?:i|we) (?:find|get|read|see|access|get hold of) (?:the|a|our)"
    r"(?: copy of the)? (?!social media)(?:[\w-]+ ){1,2}(?:policy|policies|handbook)\b",
    # How long records are kept.
    r"\bhow many (?:years|months|weeks|days) (?:do|does|should|must|can|are|is|will) (?:[\w-]+ ){0,3}(?:keep|kept"
    r"|store|stored|retain|retained|hold|held|hold onto|hang onto|archive|archived)\b",
    r"\bhow long (?!.*(?:screenshot|evidence|photo|pic|video|image|message|post|comment))"
    r"(?:do|does|should|must|can|are|is|will|would) (?:[\w-]+ ){0,4}(?:keep|kept|store|stored|retain"
    r"|retained|hold|held|archive|archived|save|saved|delete|deleted|destroy|destroyed|shred|shredded)\b",
    r"\b(?:retention|retain records|retaining records|keep records for|records kept for|store records for)\b",
    r"\b(?:shred|shredding|shredded|dispose of|disposing of|throw away|throwing away|archive|archiving)"
    r" (?:the |our |old |any )*(?:[\w-]+ ){0,2}(?:records|files|registers|forms|paperwork|documents|data)\b",
    r"\bwhen (?:do|should|can|must) (?:we|i|you) (?:delete|destroy|shred|bin|throw away) (?:the |our |old )?"
    r"(?:records|files|registers|forms|paperwork|data)\b",
    # Product recommendations and shopping advice.
    rf"\b(?:recommend|suggest|recommendation|recommendations|suggestion|suggestions)(?: for)?(?: me)? "
    r"(?:a |an |any |some |the |good |decent |cheap )*"
    rf"(?:good |decent |cheap |best |free |reliable )?(?:[\w-]+ ){{0,2}}{_PRODUCTS}\b",
    rf"\b(?:which|what) (?:[\w-]+ ){{0,2}}{_PRODUCTS} (?:should|would|do|could|to) (?:i |we |you )?(?:buy|get"
    r"|choose|pick|go for|recommend|suggest|install)\b",
    rf"\b(?:which|what) (?:[\w-]+ ){{0,2}}{_PRODUCTS} (?:is|are) (?:the )?(?:best|better|safest|most secure|cheapest"
    r"|good|any good|worth it)\b",
    rf"\b(?:best|good|decent|cheapest|reliable|safest) (?:[\w-]+ ){{0,2}}{_PRODUCTS} (?:for|to|on|under)\b",
    rf"\b(?:a|an) (?:safe|suitable|first|good|decent|cheap) (?:[\w-]+ )?{_PRODUCTS} for (?:a|an|my|kids|children"
    r"|teenagers|a teenager)\b",
    rf"\b(?:should|shall) i (?:buy|get|upgrade to|switch to) (?:a |an |the )?(?:new )?(?:[\w-]+ ){{0,2}}{_PRODUCTS}\b",
    rf"\bis (?:an? )?(?:[\w-]+ ){{0,2}}{_PRODUCTS} better than\b",
    r"\b(?:parental controls|parental control|parental settings|screen time limits|screen time settings"
    r"|family link|safe search settings|content filters for my)\b",
    r"\b(?:worth buying|worth getting|good deal|best deal|on offer|black friday)\b",
)

_APOSTROPHES = re.compile(r"[\u2018\u2019'`]")
_OUTSIDE_RE = re.compile("|".join(f"(?:{p})" for p in OUTSIDE))


#: "what does DSL mean": an acronym, written in capitals, asked about (the case is kept for this one).
_ACRONYM_RE = re.compile(
    r"\b(?:[Ww]hat|[Ww]hats) (?:does|do|is|are) (?:the )?[A-Z]{2,6}s? (?:mean|means|short for)\b"
    r"|\b(?:meaning|full name|full form) of (?:the )?[A-Z]{2,6}s?\b"
)


def outside(question: str) -> bool:
    """Whether ``question`` has a form no clause of a conduct policy answers (a fact, a procedure, advice)."""
    text = _APOSTROPHES.sub("", question)
    return _OUTSIDE_RE.search(text.lower()) is not None or _ACRONYM_RE.search(text) is not None
