"""Everyday and chat words mapped onto the policy's concepts.

Data only. ``normalise`` applies these in order: ``ABBREVIATIONS`` and
``SPELLINGS`` rewrite single words, ``PHRASES`` join multi-word expressions
into one token, and ``CONCEPTS`` maps a (stemmed) word onto a ``@concept``
token shared by all its synonyms, so "mum", "carer" and "guardian" meet the
policy's "parents/carers". Keys are written as people type them; the
normaliser stems them the same way it stems questions.
"""

from __future__ import annotations

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

# fmt: off

#: Chat shorthand -> plain words (single tokens, before phrases).
ABBREVIATIONS: dict[str, str] = {
    "req": "request", "reqs": "requests", "rq": "request", "fr": "friend request", "ya": "you", "u": "you",
    "ur": "your", "r": "are", "y": "why", "pls": "please", "plz": "please", "ppl": "people", "msg": "message",
    "msgs": "messages", "msged": "messaged", "msgd": "messaged", "pm": "message", "pms": "messages", "dm": "message",
    "dms": "messages", "dmd": "messaged", "dmed": "messaged", "txt": "text", "txts": "texts", "fb": "facebook",
    "insta": "instagram", "ig": "instagram", "gram": "instagram", "snap": "snapchat", "sc": "snapchat",
    "yt": "youtube", "tt": "tiktok", "twit": "twitter", "wa": "whatsapp", "whatsapps": "whatsapp", "pic": "photo",
    "pics": "photos", "piccy": "photo", "piccies": "photos", "pix": "photos", "vid": "video", "vids": "videos",
    "yp": "young person", "yps": "young people", "cyp": "young people", "cos": "because", "coz": "because",
    "cuz": "because", "bc": "because", "abt": "about", "wat": "what", "wot": "what", "wanna": "want to",
    "gonna": "going to", "whats": "what is", "wats": "what is", "im": "i am", "ive": "i have", "dont": "do not",
    "cant": "can not", "cannot": "can not", "didnt": "did not",
    "weve": "we have", "theyve": "they have", "youve": "you have", "doesnt": "does not", "havent": "have not",
    "hasnt": "has not", "wasnt": "was not", "werent": "were not", "arent": "are not", "couldnt": "could not",
    "wouldnt": "would not", "mustnt": "must not", "neednt": "need not", "aint": "is not",
    "wont": "will not", "shouldnt": "should not", "shud": "should",
    "cud": "could", "wud": "would", "isnt": "is not", "bday": "birthday", "mob": "mobile", "num": "number",
    "addy": "address", "convo": "conversation", "convos": "conversations", "gc": "group chat", "pw": "password",
    "pwd": "password", "pwds": "passwords", "acc": "account", "accs": "accounts", "info": "information",
    "b4": "before", "mgr": "manager", "dsl": "safeguard lead", "sl": "safeguard lead", "ss": "screenshot",
    "ss's": "screenshots", "tho": "though", "thru": "through", "ok": "okay", "k": "okay", "kk": "okay", "tbh": "",
    "ngl": "", "tbf": "", "lowkey": "", "highkey": "", "istg": "", "smh": "", "imo": "",
    "imho": "", "fyi": "", "atm": "", "rn": "", "bruh": "", "hun": "", "hiya": "", "ty": "", "thx": "",
    "lol": "", "gdpr": "data protection", "kcsie": "keeping children safe in education", "ex": "former",
    "sm": "social media", "socials": "social media", "social": "social", "cyberbully": "cyberbullying",
    "cyberbullied": "cyberbullying", "phone's": "phone", "mum's": "mum", "dad's": "dad", "kid's": "kid",
    "kids'": "kids",
}

#: US spellings and variants -> the policy's UK spelling.
SPELLINGS: dict[str, str] = {
    "criticize": "criticise", "criticizing": "criticising", "criticized": "criticised",
    "organization": "organisation", "organizations": "organisations", "behavior": "behaviour",
    "radicalize": "radicalise", "radicalized": "radicalised", "radicalization": "radicalisation",
    "recognize": "recognise", "apologize": "apologise", "favorite": "favourite", "center": "centre",
    "program": "programme", "defense": "defence", "license": "licence", "practice": "practise", "mom": "mum",
    "moms": "mums", "mommy": "mum", "cellphone": "mobile", "cell": "mobile", "cellular": "mobile", "color": "colour",
    "judgment": "judgement", "summarize": "summarise", "realize": "realise", "utilize": "use", "vacation": "holiday",
    "cyber-bullying": "cyberbullying", "e-mail": "email", "e-mails": "emails", "emailed": "emailed",
    "screen-shot": "screenshot", "screengrab": "screenshot", "screencap": "screenshot", "pr0n": "porn",
    "whatsapped": "messaged", "facebooked": "messaged", "texted": "messaged", "wifi": "wifi", "colleage": "colleague",
    "collegue": "colleague", "freind": "friend", "freinds": "friends",
}

#: Multi-word expressions -> one token (matched on whole words, longest first). "" drops them.
PHRASES: dict[str, str] = {
    "break up for": "holiday", "breaking up for": "holiday", "sign up for": "rota", "more shifts": "rota",
    "what time is": "timetable", "what time does": "timetable", "what time do": "timetable",
    "what time are": "timetable", "in charge of": "responsible", "in charge": "responsible", "join a": "connect",
    "join the group": "connect", "join their group": "connect", "my role": "employer", "my job title": "employer",
    "my position": "employer", "call her out": "criticise", "call him out": "criticise", "call them out": "criticise",
    "tell a friend": "discuss otherperson", "contact list": "confidential records",
    "staff list": "confidential records", "phone list": "confidential records", "asked where": "requestinfo",
    "asking where": "requestinfo", "asks where": "requestinfo", "asked me where": "requestinfo",
    "my email address": "personalinfo personalemail", "personal email": "personalemail",
    "my own email": "personalemail", "my email": "personalemail", "why does": "purpose",
    "rules about social media": "policy", "counted as": "define", "what school": "personalinfo",
    "ask a young person": "requestinfo attendee", "ask an attendee": "requestinfo attendee",
    "ask the kids": "requestinfo attendee", "ask a child": "requestinfo attendee",
    "ask attendees": "requestinfo attendee", "ask the young people": "requestinfo attendee", "who attended": "former",
    "that attended": "former", "attended years ago": "former", "like her": "connect", "like his": "connect",
    "like their": "connect", "like the page": "connect", "training day": "timetable", "training dates": "timetable",
    "next training": "timetable", "good films": "movie", "any films": "movie", "watch a film": "movie",
    "a film": "movie", "movies": "movie", "games with": "contact", "online games with": "contact", "year old": "kid",
    "years old": "kid", "yr old": "kid", "yrs old": "kid", "year olds": "kid", "play games with": "contact",
    "game with": "contact", "gaming with": "contact", "play online with": "contact", "work place": "employer",
    "deal with": "handle", "cope with": "handle", "who left": "former", "has left": "former", "have left": "former",
    "had left": "former", "left last": "former", "left the": "former", "left our": "former", "bad name": "disrepute",
    "bad reputation": "disrepute", "look bad": "disrepute", "reflect badly": "disrepute",
    "reflects badly": "disrepute", "into disrepute": "disrepute", "find out where i live": "address",
    "find out where they live": "requestinfo address", "phone number for the": "directory",
    "number for the": "directory", "contact number for": "directory", "contact details for the": "directory",
    "log into": "password", "log onto": "password", "log my hours": "timesheet", "volunteering hours": "timesheet",
    "charitys address": "venue", "charity address": "venue", "office address": "venue", "hall address": "venue",
    "venue address": "venue", "how old": "age", "voice note": "message", "voice notes": "message",
    "drop a message": "message", "send a message": "message", "dig at": "criticise", "bitch about": "criticise",
    "find out where": "requestinfo", "pass on": "report", "let someone know": "report", "link up": "connect",
    "hi vis": "jacket", "can volunteers": "", "can staff": "", "are volunteers": "", "are staff": "",
    "do volunteers": "", "do staff": "", "should volunteers": "", "should staff": "", "volunteers can": "",
    "staff can": "", "as a volunteer": "", "as volunteers": "", "as staff": "", "as a member of staff": "",
    "can we": "", "after they leave": "former", "once they leave": "former", "when they leave": "former",
    "after they have left": "former", "leave the club": "former", "left the project": "former",
    "child porn": "indecent", "child pornography": "indecent", "indecent images": "indecent",
    "child abuse images": "indecent", "child abuse material": "indecent", "child sexual abuse": "indecent",
    "being harassed": "cyberbullying", "harassing me": "cyberbullying", "harassed online": "cyberbullying",
    "bullying me": "cyberbullying", "being bullied": "cyberbullying", "trolling me": "trolled",
    "being trolled": "trolled", "while the kids": "onduty", "when the kids are": "onduty", "while on": "onduty",
    "during an activity": "onduty", "during activities": "onduty", "while supervising": "onduty",
    "in the middle of a session": "onduty", "mid session": "onduty", "groomed by extremists": "radicalise",
    "train fare": "fare", "train ticket": "fare", "bus fare": "fare", "with a friend": "otherperson",
    "to a friend": "otherperson", "a friend who": "otherperson", "a friend of": "otherperson",
    "video recording": "video", "i volunteer at": "employer", "i volunteer for": "employer", "i work at": "employer",
    "i work for": "employer", "my job at": "employer", "i volunteer with": "employer",
    "volunteering at leaps": "employer", "ask for": "requestinfo", "asked for": "requestinfo",
    "asking for": "requestinfo", "asks for": "requestinfo", "ask them for": "requestinfo",
    "ask her for": "requestinfo", "ask him for": "requestinfo", "asked me for": "requestinfo",
    "asking me for": "requestinfo", "wants my": "requestinfo", "wanted my": "requestinfo",
    "asking for my": "requestinfo", "give my": "requestinfo", "swap numbers": "requestinfo",
    "my snapchat": "personalinfo snapchat", "my whatsapp": "personalinfo whatsapp", "my socials": "personalinfo",
    "my number": "ownphone", "their social media": "personalinfo", "is doing": "progress", "are doing": "progress",
    "how they are": "progress", "how hes doing": "progress", "how shes doing": "progress", "the address": "venue",
    "what is the address": "venue", "in private": "privately", "make fun of": "criticise",
    "making fun of": "criticise", "take the piss": "criticise", "taking the piss": "criticise",
    "name and shame": "criticise", "bad mouth": "criticise", "reach out": "contact", "get in touch": "contact",
    "write to": "contact", "live stream": "video", "go live": "livestream", "put up": "post", "stick up": "post",
    "picked on": "bullied", "hate messages": "nasty messages", "adult sites": "porn", "sexual content": "porn",
    "why do we have": "purpose", "why do we even have": "purpose", "why have we got": "purpose",
    "why is there": "purpose", "why do we need": "purpose", "what is the point of": "purpose",
    "whats the point of": "purpose", "what is the reason for": "purpose", "reason for": "purpose",
    "a snapchat": "snapchat message", "team leader": "manager", "team lead": "manager", "line manager": "manager",
    "of me": "myself", "of myself": "myself", "night out": "drunk", "nights out": "drunk", "on the lash": "drunk",
    "online abuse": "cyberbullying", "abuse online": "cyberbullying", "abused online": "cyberbullying",
    "cover for me": "rota", "cover for": "rota", "talks to": "contact", "talking to": "contact",
    "safeguarding issue": "concern", "safeguarding concern": "concern", "question about": "query",
    "questions about": "query", "query about": "query", "queries about": "query", "their snapchat": "personalinfo",
    "their instagram": "personalinfo", "their facebook": "personalinfo", "their tiktok": "personalinfo",
    "their whatsapp": "personalinfo", "their number": "personalinfo", "their email": "personalinfo",
    "their details": "personalinfo", "their username": "personalinfo", "their handle": "personalinfo",
    "their phone number": "personalinfo", "their mobile number": "personalinfo",
    "about an attendee": "discuss attendee", "about attendees": "discuss attendee", "about a kid": "discuss attendee",
    "about the kids": "discuss attendee", "about a child": "discuss attendee",
    "about a young person": "discuss attendee", "about one of the kids": "discuss attendee",
    "about the young people": "discuss attendee", "keep them": "evidence", "keep the messages": "evidence",
    "keep it": "evidence", "save them": "evidence", "keep records": "evidence", "keep a record": "evidence",
    "keep evidence": "evidence", "keep screenshots": "evidence", "keep copies": "evidence",
    "prevent guidance": "preventduty", "count under": "scope", "counted under": "scope", "fall under": "scope",
    "falls under": "scope", "my own kids": "ownchildren", "my kids": "ownchildren", "my own children": "ownchildren",
    "my children": "ownchildren", "my son": "ownchildren", "my daughter": "ownchildren", "fired": "sack",
    "get fired": "sack", "fire drill": "firedrill", "fire alarm": "firedrill", "swap my shift": "rota",
    "swap shifts": "rota", "cover my shift": "rota", "my shifts": "rota", "be my friend": "friend",
    "be my friends": "friend", "be friends": "friend", "be mates": "friend", "as my friend": "friend",
    "as a friend": "friend", "as friends": "friend", "my friends list": "friend", "liking": "connect",
    "likes my": "connect", "liked my": "connect", "like my": "connect", "react to": "connect",
    "reacting to": "connect", "comments on my": "connect", "commenting on my": "connect", "video call": "call",
    "video chat": "call", "facetime": "call", "zoom call": "call", "own account": "ownaccount",
    "personal account": "ownaccount", "private account": "ownaccount", "first aid": "firstaid",
    "annual leave": "holiday", "day off": "holiday", "days off": "holiday", "time off": "holiday",
    "is it a problem": "", "tell him": "discuss", "tell her": "discuss", "tell them": "discuss",
    "tell people": "discuss", "tell my": "discuss", "my mate": "otherperson", "my mates": "otherperson",
    "a mate": "otherperson", "my friend": "otherperson", "my friends": "otherperson",
    "a friend of mine": "otherperson", "someone outside": "otherperson", "other people": "otherperson",
    "anyone else": "otherperson", "my partner": "otherperson", "my family": "otherperson", "against policy": "",
    "against the policy": "", "against the rules": "", "social media policy": "policy", "class as": "define",
    "classed as": "define", "classified as": "define", "team member": "colleague", "staff member": "colleague",
    "member of staff": "colleague", "fellow volunteer": "colleague", "another volunteer": "colleague",
    "other volunteers": "colleague", "other staff": "colleague", "stopped coming": "former",
    "stopped attending": "former", "moved on": "former", "call out": "criticise", "calling out": "criticise",
    "kick off": "criticise", "go off at": "criticise", "can see": "privacy", "only friends": "privacy",
    "friends only": "privacy", "dress code": "dresscode", "covered by": "scope", "apply to": "scope",
    "applies to": "scope", "cover": "scope", "covers": "scope", "count as": "define", "counts as": "define",
    "raise it": "report", "raise this": "report", "at risk": "atrisk", "being radicalised": "radicalise",
    "being groomed": "radicalise", "pulled into": "radicalise", "sucked into": "radicalise",
    "dragged into": "radicalise", "lured into": "radicalise", "young person": "attendee", "young people": "attendee",
    "young adult": "attendee", "service user": "attendee", "service users": "attendee",
    "child we support": "attendee", "people we support": "attendee", "one of the kids": "attendee",
    "one of our kids": "attendee", "friend request": "friend", "friend requests": "friend",
    "follow request": "follow", "follow back": "follow", "work phone": "workphone", "work mobile": "workphone",
    "work's phone": "workphone", "company phone": "workphone", "charity phone": "workphone",
    "office phone": "workphone", "the phone at work": "workphone", "my own phone": "ownphone", "my phone": "ownphone",
    "my mobile": "ownphone", "personal phone": "ownphone", "personal mobile": "ownphone", "own phone": "ownphone",
    "own mobile": "ownphone", "my own mobile": "ownphone", "my personal number": "ownphone",
    "cyber bullying": "cyberbullying", "cyber bully": "cyberbullying", "online bullying": "cyberbullying",
    "bullying online": "cyberbullying", "bullied online": "cyberbullying", "social media": "socialmedia",
    "social networking": "socialmedia", "social network": "socialmedia", "social networks": "socialmedia",
    "social media site": "socialmedia", "social networking site": "socialmedia", "group chat": "groupchat",
    "group chats": "groupchat", "privacy settings": "privacy", "privacy setting": "privacy",
    "screen shot": "screenshot", "screen shots": "screenshot", "screen print": "screenshot",
    "screen prints": "screenshot", "screen grab": "screenshot", "take a picture of the screen": "screenshot",
    "home address": "address", "where i live": "address", "where they live": "address", "where you live": "address",
    "phone number": "phonenumber", "phone numbers": "phonenumber", "mobile number": "phonenumber",
    "telephone number": "phonenumber", "contact details": "contactdetails", "job title": "jobtitle",
    "where i work": "employer", "where i volunteer": "employer", "who i work for": "employer",
    "place of work": "employer", "official page": "officialpage", "official account": "officialpage",
    "charity page": "officialpage", "charity's page": "officialpage", "our page": "officialpage",
    "equality act": "equalityact", "protected characteristic": "equalityact",
    "protected characteristics": "equalityact", "data protection": "dataprotection",
    "data protection act": "dataprotection", "human rights act": "humanrights", "prevent duty": "preventduty",
    "prevent strategy": "preventduty", "safeguard lead": "safeguardlead", "safeguarding lead": "safeguardlead",
    "designated safeguarding lead": "safeguardlead", "managing director": "director", "session lead": "sessionlead",
    "deputy lead": "sessionlead", "used to come": "former", "used to attend": "former", "used to go": "former",
    "no longer": "former", "not coming anymore": "former", "doesnt come": "former", "does not come": "former",
    "left the group": "former", "left the club": "former", "aged out": "former", "grown up": "former",
    "adult stuff": "porn", "adult content": "porn", "adult material": "porn", "adult websites": "porn",
    "adult website": "porn", "adult site": "porn", "adult videos": "porn", "adult films": "porn", "x rated": "porn",
    "lives independently": "independent", "living independently": "independent", "lives on their own": "independent",
    "lives on his own": "independent", "lives on her own": "independent", "living on their own": "independent",
    "lives alone": "independent", "own place": "independent", "own flat": "independent",
    "arrange their own": "independent", "plan their own": "independent", "plans their own": "independent",
    "sorts their own": "independent", "in my own time": "owntime", "my own time": "owntime",
    "personal time": "owntime", "free time": "owntime", "off duty": "owntime", "outside work": "owntime",
    "out of work": "owntime", "working hours": "onduty", "work hours": "onduty", "on shift": "onduty",
    "my shift": "onduty", "on duty": "onduty", "during work": "onduty",
    "during a session": "onduty", "during the session": "onduty", "during sessions": "onduty", "in session": "onduty",
    "on the clock": "onduty", "while working": "onduty", "when working": "onduty", "what is": "define",
    "what does": "define", "what counts as": "define", "what do we mean by": "define", "what is meant by": "define",
    "meaning of": "define", "definition of": "define", "who do i tell": "report", "who should i tell": "report",
    "who do i go to": "report", "who do i speak to": "report", "who do i talk to": "report",
    "who do i contact": "report", "have a go": "criticise", "slag off": "criticise", "slagging off": "criticise",
    "trash talk": "criticise", "talk about": "discuss", "talking about": "discuss", "chat about": "discuss",
    "chatting about": "discuss", "how their son": "discuss", "how their daughter": "discuss",
    "how their child": "discuss", "getting on": "progress", "personal information": "personalinfo",
    "personal info": "personalinfo", "personal details": "personalinfo", "get sued": "legal",
    "taken to court": "legal", "legal action": "legal", "keep an eye": "supervise", "keep an eye on": "supervise",
    "calm down": "decompress", "wind down": "decompress", "chill out": "decompress", "time out": "decompress",
    "far right": "extremism", "drawn into": "radicalise", "log in": "password", "login details": "password",
    "sign in": "password", "passcode": "password", "lock screen": "password", "views are my own": "opinion",
    "on behalf of": "represent", "speak for": "represent", "speak on behalf": "represent", "get rid of": "delete",
    "good terms": "rapport", "get on well": "rapport", "gets on well": "rapport", "other policies": "otherpolicy",
    "mobile phone policy": "otherpolicy", "safeguarding policy": "otherpolicy", "equality policy": "otherpolicy",
    "employee handbook": "otherpolicy", "disciplinary policy": "otherpolicy", "shared drive": "shareddrive",
    "stay safe online": "onlinesafety", "online safety": "onlinesafety", "internet safety": "onlinesafety",
    "e safety": "onlinesafety", "esafety": "onlinesafety", "lose my job": "discipline", "lose your job": "discipline",
    "get in trouble": "discipline", "get into trouble": "discipline", "in trouble": "discipline",
    "position of trust": "trust", "political party": "political", "political parties": "political", "tell me": "",
    "can you": "", "could you": "", "do you know": "", "i was wondering": "", "keep in touch": "connect",
    "stay in touch": "connect", "co worker": "colleague", "co workers": "colleague", "e mail": "email",
    "e mails": "email", "who can see": "privacy", "who sees": "privacy", "break the policy": "breach",
    "break the rules": "breach", "breaking the rules": "breach", "broke the rules": "breach",
    "breaking the policy": "breach", "broken the policy": "breach",
}

#: Synonyms (single words, stemmed at start-up) -> concept tokens, space-separated.
CONCEPTS: dict[str, str] = {
    "email": "@contact @email", "emailing": "@contact @email", "emailed": "@contact @email",
    "responsible": "@responsibility", "responsibility": "@responsibility", "responsibilities": "@responsibility",
    "duties": "@responsibility", "role": "@responsibility", "roles": "@responsibility", "disclosure": "@confidential",
    "disclosed": "@confidential", "invite": "@connect", "inviting": "@connect", "gmail": "@personalemail",
    "hotmail": "@personalemail", "yahoo": "@personalemail", "icloud": "@personalemail",
    "personalemail": "@personalemail", "shot": "@photo", "shots": "@photo", "diagnosis": "@confidential",
    "medical": "@confidential", "health": "@confidential", "medication": "@confidential", "medicine": "@confidential",
    "attend": "@attendee", "attends": "@attendee", "attending": "@attendee", "ping": "@contact",
    "slate": "@criticise", "slating": "@criticise", "graduated": "@former", "subscribe": "@connect",
    "coordinator": "@management", "petition": "@opinion", "backs": "@support", "backed": "@support",
    "backing": "@support", "supports": "@support", "endorse": "@support", "requestinfo": "@request",
    "privately": "@privacy @secret", "secretly": "@secret", "secret": "@confidential", "grandson": "@attendee",
    "granddaughter": "@attendee", "grandchild": "@attendee", "nephew": "@attendee", "niece": "@attendee",
    "learner": "@attendee", "gran": "@parent", "grandma": "@parent", "grandmother": "@parent", "grandad": "@parent",
    "grandfather": "@parent", "granny": "@parent", "nana": "@parent", "aunt": "@parent", "auntie": "@parent",
    "uncle": "@parent", "leader": "@colleague", "helper": "@colleague", "inbox": "@contact", "friended": "@connect",
    "unfollow": "@connect", "livestream": "@photo", "status": "@post", "roast": "@criticise", "mock": "@criticise",
    "trash": "@criticise", "propaganda": "@extremism", "jihadi": "@extremism", "onlyfans": "@porn",
    "purpose": "@purpose", "myself": "@self", "unsupervised": "@supervise", "told": "@report",
    "partner": "@otherperson", "husband": "@otherperson", "wife": "@otherperson", "boyfriend": "@otherperson",
    "girlfriend": "@otherperson", "flatmate": "@otherperson", "housemate": "@otherperson", "annoyed": "@criticise",
    "angry": "@criticise", "fuming": "@criticise", "frustrated": "@criticise", "ownaccount": "@ownaccount",
    "identify": "@identify", "identifiable": "@identify", "identified": "@identify", "tag": "@post",
    "mention": "@identify", "recognisable": "@identify", "otherperson": "@otherperson", "discuss": "@discuss",
    "gossip": "@discuss", "conversation": "@discuss", "vent": "@criticise", "whinge": "@criticise",
    "bash": "@criticise", "twin": "@sibling", "drunk": "@disrepute", "embarrassing": "@disrepute",
    "embarrass": "@disrepute", "disrepute": "@disrepute", "unprofessional": "@disrepute", "reputation": "@disrepute",
    "wasted": "@disrepute", "hungover": "@disrepute", "odd": "@concern", "weird": "@concern", "strange": "@concern",
    "creepy": "@concern", "dodgy": "@inappropriate", "scope": "@scope", "apply": "@scope", "covered": "@scope",
    "parent": "@parent", "mum": "@parent", "mam": "@parent", "mother": "@parent", "dad": "@parent",
    "father": "@parent", "carer": "@parent", "guardian": "@parent", "stepmum": "@parent", "stepdad": "@parent",
    "foster": "@parent", "nan": "@parent", "grandparent": "@parent", "family": "@parent", "families": "@parent",
    "attendee": "@attendee", "kid": "@attendee", "child": "@attendee", "children": "@attendee", "teen": "@attendee",
    "teenager": "@attendee", "youngster": "@attendee", "youth": "@attendee", "participant": "@attendee",
    "member": "@attendee", "pupil": "@attendee", "student": "@attendee", "boy": "@attendee", "girl": "@attendee",
    "son": "@attendee", "daughter": "@attendee", "minor": "@attendee", "client": "@attendee", "camper": "@attendee",
    "colleague": "@colleague", "coworker": "@colleague", "co-worker": "@colleague", "workmate": "@colleague",
    "teammate": "@colleague", "volunteer": "@colleague", "staff": "@colleague", "employee": "@colleague",
    "manager": "@management", "boss": "@management", "trustee": "@management", "management": "@management",
    "supervisor": "@management", "director": "@director", "founder": "@director", "sibling": "@sibling",
    "brother": "@sibling", "sister": "@sibling", "relative": "@sibling", "cousin": "@sibling", "former": "@former",
    "previous": "@former", "past": "@former", "leaver": "@former", "facebook": "@platform", "instagram": "@platform",
    "snapchat": "@platform", "tiktok": "@platform", "twitter": "@platform", "linkedin": "@platform",
    "youtube": "@platform", "reddit": "@platform", "tumblr": "@platform", "flickr": "@platform",
    "threads": "@platform", "bluesky": "@platform", "discord": "@platform", "socialmedia": "@platform",
    "site": "@platform", "app": "@platform", "online": "@online", "internet": "@online", "web": "@online",
    "browse": "@online @leisure", "scroll": "@online @leisure", "surf": "@online @leisure",
    "whatsapp": "@contact @platform",
    "messenger": "@contact", "message": "@contact", "text": "@contact", "call": "@contact", "ring": "@contact",
    "phone": "@contact", "contact": "@contact", "reply": "@contact", "respond": "@contact", "communicate": "@contact",
    "communication": "@contact", "chat": "@contact", "speak": "@contact", "telephone": "@contact",
    "groupchat": "@contact", "friend": "@connect", "follow": "@connect", "follower": "@connect", "add": "@connect",
    "connect": "@connect", "connection": "@connect", "accept": "@connect", "befriend": "@connect",
    "unfriend": "@connect", "request": "@connect", "block": "@connect", "photo": "@photo", "photograph": "@photo",
    "picture": "@photo", "image": "@photo", "video": "@photo", "selfie": "@photo", "footage": "@photo",
    "clip": "@photo", "film": "@photo", "camera": "@photo", "post": "@post", "upload": "@post", "publish": "@post",
    "share": "@post", "tweet": "@post", "story": "@post", "repost": "@post", "retweet": "@post", "put": "@post",
    "reel": "@post @photo", "profile": "@profile", "bio": "@profile", "page": "@profile", "account": "@profile",
    "employer": "@employer", "jobtitle": "@employer", "job": "@employer", "workplace": "@employer",
    "occupation": "@employer", "address": "@personalinfo", "phonenumber": "@personalinfo",
    "personalinfo": "@personalinfo", "contactdetails": "@personalinfo", "username": "@personalinfo",
    "handle": "@personalinfo", "detail": "@personalinfo", "number": "@personalinfo", "password": "@password",
    "pin": "@password", "login": "@password", "privacy": "@privacy", "private": "@privacy", "lock": "@privacy",
    "restrict": "@privacy", "hide": "@privacy", "visible": "@privacy", "criticise": "@criticise",
    "insult": "@criticise", "attack": "@criticise", "slag": "@criticise", "rant": "@criticise", "moan": "@criticise",
    "complain": "@criticise", "diss": "@criticise", "defame": "@criticise", "abuse": "@criticise",
    "badmouth": "@criticise", "bitch": "@criticise", "offensive": "@offensive", "rude": "@offensive",
    "derogatory": "@offensive", "crude": "@offensive", "swear": "@offensive", "inappropriate": "@inappropriate",
    "unsuitable": "@inappropriate", "opinion": "@opinion", "view": "@opinion", "political": "@opinion",
    "politics": "@opinion", "campaign": "@opinion", "cause": "@opinion", "stance": "@opinion",
    "represent": "@represent", "discriminate": "@equality", "discrimination": "@equality",
    "discriminatory": "@equality", "racist": "@equality", "racism": "@equality", "sexist": "@equality",
    "homophobic": "@equality", "transphobic": "@equality", "equalityact": "@equality", "equality": "@equality",
    "harass": "@harass", "harassment": "@harass", "legal": "@legal", "sue": "@legal", "court": "@legal",
    "libel": "@legal", "defamation": "@legal", "lawsuit": "@legal", "copyright": "@legal", "lawyer": "@legal",
    "solicitor": "@legal", "confidential": "@confidential", "confidentiality": "@confidential",
    "sensitive": "@confidential", "record": "@record", "file": "@record", "dataprotection": "@confidential",
    "disclose": "@disclose", "leak": "@disclose", "reveal": "@disclose", "onduty": "@onduty", "shift": "@onduty",
    "bully": "@bully", "bullying": "@bully", "cyberbullying": "@bully", "bullied": "@bully", "nasty": "@nasty",
    "horrible": "@nasty", "abusive": "@nasty", "threatening": "@nasty", "hurtful": "@nasty", "vile": "@nasty",
    "hate": "@nasty", "hateful": "@nasty", "threat": "@nasty", "troll": "@troll", "trolling": "@troll",
    "trolled": "@troll", "delete": "@delete", "remove": "@delete", "erase": "@delete", "wipe": "@delete",
    "screenshot": "@evidence", "evidence": "@evidence", "proof": "@evidence", "report": "@report", "tell": "@report",
    "raise": "@report", "inform": "@report", "flag": "@report", "escalate": "@report", "worried": "@concern",
    "worry": "@concern", "concern": "@concern", "concerned": "@concern", "uneasy": "@concern",
    "uncomfortable": "@concern", "suspicious": "@concern", "extremism": "@extremism", "extremist": "@extremism",
    "extreme": "@extremism", "radical": "@extremism", "radicalise": "@extremism @atrisk", "atrisk": "@atrisk",
    "vulnerable": "@atrisk", "radicalisation": "@extremism", "terrorist": "@extremism", "terrorism": "@extremism",
    "terror": "@extremism", "isis": "@extremism", "isil": "@extremism", "jihad": "@extremism", "nazi": "@extremism",
    "groom": "@concern", "grooming": "@concern", "preventduty": "@prevent", "prevent": "@prevent",
    "indecent": "@indecent", "sexual": "@indecent", "nude": "@indecent", "naked": "@indecent", "csam": "@indecent",
    "porn": "@porn", "pornography": "@porn", "explicit": "@porn", "nsfw": "@porn", "xxx": "@porn",
    "equipment": "@equipment", "laptop": "@equipment", "computer": "@equipment", "pc": "@equipment",
    "ipad": "@device", "tablet": "@device", "device": "@device", "console": "@device", "gadget": "@device",
    "workphone": "@workphone", "ownphone": "@ownphone", "supervise": "@supervise", "supervision": "@supervise",
    "watch": "@supervise", "monitor": "@supervise", "decompress": "@decompress", "calm": "@decompress",
    "regulate": "@decompress", "meltdown": "@decompress", "settle": "@decompress", "discipline": "@discipline",
    "disciplinary": "@discipline", "sack": "@discipline", "dismiss": "@discipline", "dismissal": "@discipline",
    "punish": "@discipline", "punishment": "@discipline", "consequence": "@discipline", "breach": "@breach",
    "violate": "@breach",
    "starter": "@newstarter", "induction": "@newstarter", "define": "@define", "definition": "@define",
    "meaning": "@define", "explain": "@define", "describe": "@define", "means": "@define", "leap": "@org",
    "leaps": "@org", "charity": "@org", "organisation": "@org", "company": "@org", "project": "@org", "club": "@org",
    "group": "@org", "behave": "@progress", "behaviour": "@progress", "progress": "@progress", "update": "@progress",
    "lad": "@attendee", "lass": "@attendee", "kiddo": "@attendee", "toddler": "@attendee", "baby": "@attendee",
    "vote": "@opinion", "stick": "@post", "chuck": "@post", "bung": "@post", "mate": "@connect", "pal": "@connect",
    "buddy": "@connect", "religion": "@opinion", "religious": "@opinion", "support": "@support",
    "promote": "@support",
}

#: Everyday topics of a charity's chat that no policy clause is about (logistics, pay, premises,
#: small talk). Each weighs heavily against every clause, so "the wifi password at the hall" does
#: not borrow an answer from the clause about passwords. Edit when a policy does cover one.
_OFF_TOPIC = """
    absence aid alarm allergic allergy badge budget buy charger claim claims committee craft crafts cupboard dbs
    directory donation donations dress dresscode drill epipen expense expenses fare fares firedrill firstaid fuel
    fundraising holiday holidays insurance insured invoice laminator meeting meetings
    mileage movie parking payroll payslip pension petrol printer projector raffle refund reimburse
    reimbursement rota rotas salary shop shopping sick sickness stationery supplies tickets timesheet timetable
    toilet toilets uniform venue wage wages wifi
"""

#: Words that carry no meaning for matching.
_STOPWORDS = """
    a about actually again against ago all allow allowed along alright also always am an and any anybody anyone
    anything are around as ask asked asking asks at away back bad basically bc be been being bit bring bringing
    brings brought btw building but by came can center centre come comes coming cos could day days did do does
    doing done down dunno er etc even ever everybody everyone exactly find fine for found from gave get gets
    getting give given gives giving go goes going gonna good got guess had hall happen happened happens has have
    having he hello her here hes hey hi him his how i id idk if im in into is issue it it's its ive just keep keeps
    kept kind knew know last let like literally lol look looked looking lot lots made make many may maybe me mean
    might mine month much must my need never next no not now of off oh ok okay omg on one onto or our out over
    people per person place please probably problem problems publicly q question quick really right rule rules said
    saw say saying says see seen send sending sends sent session sessions shall she shes should so some somebody
    someone something soon sort station still stuff take tbh than thank thanks that thats the their them then there
    theres these they theyre thing things think this those thought through time times to today tomorrow tonight too
    took tried try trying um up upon us very via wanna want wanted wants was way we week weeks well went were what
    whats when where which who whom whose why will with within without wonder wondering would wrong x xx yeah year
    years yes yesterday you your youre yours
"""
# fmt: on
STOPWORDS: frozenset[str] = frozenset(_STOPWORDS.split())
OFF_TOPIC: frozenset[str] = frozenset(_OFF_TOPIC.split())
