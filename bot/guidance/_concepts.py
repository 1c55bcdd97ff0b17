"""The policy's concepts, each with the many everyday ways people say it.

Data only. Each group is written from one concept of the policy (contact on a
social network, personal internet use at work, confidential records, ...) and
lists how staff, volunteers and young people put it in chat: platform names,
gaming words, slang. :mod:`bot.guidance.normalise` turns every single word into
that concept's token and every multi-word phrasing into a phrase that becomes
the token, on the knowledge and the question alike. The curated vocabulary in
:mod:`bot.guidance._lexicon` wins where the two overlap.

A group's value may name several tokens ("@contact @platform": playing a game
online with someone is contact on a social platform).
"""

from __future__ import annotations

GROUPS: dict[str, str] = {
    # Somewhere people meet online: social networks, messengers, games, forums.
    "@platform": """
        facebook | instagram | snapchat | tiktok | twitter | threads | bereal | be real | bluesky | mastodon |
        pinterest | tumblr | flickr | reddit | subreddit | linkedin | youtube | youtuber | twitch | kick stream |
        discord | discord server | telegram | signal app | viber | wechat | kik | yubo | omegle | vsco | lemon8 |
        xbox | xbox live | playstation | ps4 | ps5 | psn | nintendo | steam | roblox | minecraft | fortnite |
        call of duty | among us | fifa | gamertag | gamer tag | dating app | dating apps | dating profile |
        dating site | dating sites | tinder | hinge | bumble | grindr |
        youtube channel | my channel | gaming channel |
        on x | x formerly twitter | the x app | messenger app | imessage | social app | social network |
        social networking site | social platform | new app | some app | an app
    """,
    # Being in touch with someone: messages, calls, games and chat.
    "@contact @platform": """
        slid into my dms | slide into my dms | sliding into my dms | slid into my messages | hit me up | hmu |
        play online | playing online | play online together | play games online | online games | online game |
        online gaming | gaming | game chat | party chat | voice chat | in game chat | play fortnite |
        play roblox | play minecraft | add me on xbox | add me on playstation | play with me | game with me |
        gaming together | multiplayer | server invite | discord invite | joined my server | their server |
        discord server | a server | the server | gaming server | group server | a discord | the discord |
        whatsapp group | whatsapp groups | group chat | group chats | chat group | group text | whatsapp chat |
        set up a group | set up a chat | start a group chat | create a group chat | make a group chat
    """,
    "@contact": """
        send me a link | sent me a link | sending me links | sends me links |
        snapstreak | snapstreaks | streaks | streak | keeps sending me | keep sending me |
        answer | answered | answering | pick up | picked up | facetimed | facetiming | videocalled |
        video called | rang | phoned | messaged | texted | dmed | snapped |
        pinged me | buzzed me | rang me | phoned me | called me | texted me | messaged me | snapped me |
        messaging | texting | chatting | chatted | keeps messaging | keeps texting | keeps snapping |
        sent me a message | got in touch | reached out | speak to them | talk to them online | reply to them |
        write back | answer them | respond to them | stay in contact | be in contact | have contact
    """,
    # Getting in touch with an attendee's family.
    "@contact @parent": """
        call home | ring home | phone home | text home | contact home | let the parents know | let parents know |
        update the parents | message the parents | text the parents | ring the parents | call the parents |
        phone the parents | contact the family | ring the family | call the family | text the family
    """,
    # An attendee who lives or plans their life independently.
    "@independent": """
        living independently | lives independently | lives independent | independent living | supported living |
        lives on their own | lives by themselves | lives alone | living alone | living on their own | own flat |
        their own flat | their own place | plan their own activities | plans their own | organises their own |
        organize their own | arranges their own | sorts their own | book their own | books their own
    """,
    # Professional standards of a registered profession.
    "@profession": """
        code of conduct | professional code | professional standards | professional body | hcpc | nmc |
        social work england | registered nurse | teaching standards | my profession | my registration |
        struck off | fitness to practise | my regulator | regulator
    """,
    # What can happen to an adult who breaks the rules.
    "@discipline": """
        lose my job | lost my job | get the sack | get sacked | be sacked | get fired | be fired | get in trouble |
        in trouble | disciplined | be disciplined | written warning | final warning | let go | kicked out |
        what happens if i | what will happen if i | what happens to me | what will happen to me
    """,
    # The charity's computers and devices.
    "@equipment": """
        office pc | office computer | office laptop | work laptop | work computer | work pc | work ipad |
        work tablet | charity laptop | charity computer | shared laptop | shared computer | the laptop |
        the computer | the ipad | leaps laptop | leaps computer | work equipment | work device
    """,
    # Someone doing something to the adult: the adult is the target, not the author.
    "@victim": """
        about me | at me | to me online | targeting me | aimed at me | my own photos | of me without |
        under my posts | under my photos | under my videos | under my post | comments on my posts
    """,
    "@victim @bully": """
        humiliate me | to humiliate me | embarrassing photos of me | embarrassing pictures of me |
        spreading lies | spreading rumours | rumours about me | lies about me | embarrass me | shame me |
        having a go at me | picking on me | pretending to be me | abusing me | wont leave me alone |
        threatening me | humiliating me | harassing me | bullying me
    """,
    "@victim @troll": "trolls on my | trolling my | trolling me | trolled me",
    # Asking someone for their details or whereabouts.
    "@request": """
        asked if im on | asking if im on | asked me if im on | asks if im on | wants to know if im on |
        asking which | asks which | asked which | keeps asking where | keeps asking which | keeps asking what |
        wants to know where | wants to know which | wanted to know where | asking about my |
        ask them what | ask them where | ask him what | ask her what | ask him where | ask her where |
        ask one of | ask what school | ask which school | ask where | ask what | find out what | find out which |
        get their | get his | get her | get a kids | collect their | take their details
    """,
    # How an attendee is doing: what a parent asks about (settling, not calming down).
    "@progress": """
        settling in | settled in | settle in | settles in | fitting in | fits in | making friends | made friends |
        getting on at | how hes getting on | how shes getting on | how theyre getting on | how they are getting on |
        how is he getting on | how is she getting on | how he is getting on | how she is getting on | behaving |
        behaved | how he behaved | how she behaved
    """,
    # The adult's own (personal) social media account, page or feed.
    "@profile": """
        own page | my own page | personal page | my personal page | own profile | my own profile |
        personal profile | my personal profile | own socials | my own socials | personal socials | my socials |
        my personal socials | own insta | my own insta | personal insta | my personal insta | own facebook |
        my own facebook | personal facebook | my personal facebook | own tiktok | personal tiktok | own feed |
        personal feed | my feed | my grid | own story | my own story | personal story | own linkedin |
        personal linkedin | my personal linkedin | own channel | personal channel | my personal twitter
    """,
    # Sharing pictures or film: photos, videos, reels, streams.
    "@photo @post": """
        reel | reels | livestream | livestreams | livestreaming | live stream | live streaming | stream it |
        stream the | streaming the | go live | going live | went live | film it | film the | filming the |
        record the | recording the | recorded the | vlog | vlogs | photo dump | throwback | tbt | team photo |
        team photos | team pic | group photo | group photos | group pic | group pics | group shot | group shots |
        photos from | pictures from | pics from | videos from | video of | videos of | footage of | clip of |
        slideshow | montage | highlights video | compilation
    """,
    # A young person reaching out to the adult, unasked: messages, tags, reactions, asking for details.
    "@contact @connect": """
        voice note | voice notes | voice message | voice messages | voice memo | sent me a heart | sent a heart |
        replied to my story | reply to my story | replies to my story | reacted to my story | reacts to my story |
        liked my story | liked my post | liked my photo | likes my posts | commented on my story | tagged me |
        tags me | tagging me | keeps tagging me | tagged me in | mentioned me in | dueted me | stitched my |
        sent me a snap | snaps me | sends me snaps | message request | message requests | follow request |
        found me on | found my account | found my profile | looked me up | searched for me
    """,
    # Writing about one's work in public, at length: blogs, podcasts, vlogs.
    "@blog": """
        blog | blogs | blogging | blogger | blog post |
        substack | medium article | personal website | my website | write about my work | writing about my work |
        write about work | writing about work | write about my job | write up my experiences | memoir | my book |
        write a book | youtube series | diary online | online diary
    """,
    # Stories from work told in public, even without names.
    "@confidential @discuss": """
        anonymised | anonymized | anonymise | anonymize | without names | no names | change the names |
        changed the names | real stories | true stories | stories from work | stories from sessions |
        stories about the kids | stories about the young people | what happens at sessions | what happens at club |
        case study | case studies | behind the scenes | money problems | money troubles | financial problems |
        cash flow | going under | staff shortages | problems at work | issues at work | whats going on at work
    """,
    # The press and broadcast media.
    "@press": """
        journalist | journalists | reporter | reporters | the press | press | press release | local paper |
        the paper | newspaper | newspapers | tabloid | the media | news crew | tv crew | radio | radio show |
        interview with | quoted in | media enquiry | press enquiry | comment to | give a quote | on the record |
        phone in | talk show | news outlet | news outlets | a quote | give a quote | quote from me | for comment |
        make a statement | a statement | on air | interview me | interviewed me | be interviewed
    """,
    # Unequal treatment and hate aimed at a protected group.
    "@equality": """
        ableist | ableism | disablist | slur | slurs | racial slur | n word | taking the mick out of disabled |
        mocking disabled | jokes about disabled people | racist joke |
        racist jokes | racist meme | racist memes | sexist joke | sexist jokes | misogynist | misogynistic |
        misogyny | antisemitic | antisemitism | islamophobic | islamophobia | bigot | bigoted | bigotry |
        hate speech | protected characteristic | protected characteristics | gay jokes | trans jokes | xenophobic
    """,
    # An event of the charity's, where pictures get taken ("concert" is not a misspelt "concern").
    "@event": """
        event | events | talent show | concert | concerts | performance | performances | gig | sports day |
        awards night | awards evening | presentation evening | celebration evening | disco | christmas party |
        summer party | fun day | open day | festival | nativity | end of term | graduation | dance show |
        showcase | carnival | parade | match day | tournament | prize giving | fete | summer fete | gala | panto |
        pantomime | play rehearsal | rehearsal | recital
    """,
    # Not understanding the policy: a query for whoever explains it.
    "query": """
        dont understand | do not understand | didnt understand | not understand | unclear | not clear | confused |
        confusing | confused about | makes no sense | doesnt make sense | questions about the policy |
        question about the policy | query | queries | explain the policy | interpret | interpretation
    """,
    # Speaking for the charity: signing as it, or answering for it when someone attacks it.
    "@represent": """
        signed it as | signed off as | signing it as | signed it from | in my role as | as a trustee of |
        as a volunteer at | as a member of staff at | as staff at | on behalf of leaps | on behalf of the charity |
        speaking for leaps | speaking for the charity | representing leaps | representing the charity |
        defend the charity | defend leaps | defend the club | defend us | stick up for the charity |
        stick up for leaps |
        stand up for the charity | put them straight | put him straight | put her straight | correct them publicly |
        reply for the charity | respond for the charity | reply on behalf | respond on behalf | official response
    """,
    # Writing something online is posting it.
    "@post": "write | writes | writing | wrote",
    # Derogatory names for the young people themselves.
    "@offensive @attendee": """
        little terrors | little monsters | little horrors | little devils | little sods | little shits | brats |
        feral kids | feral children | the feral ones | nightmare kids | animals today | zoo today | little gremlins
    """,
    # Whose job something is.
    "@responsibility": """
        part of my role | part of my job | my job to | my role to | our job to | our role to | is it my job |
        is it on me | down to me | up to me | my place to | is that my job | whose job | whose responsibility
    """,
    # Words that shape a question without giving it a topic.
    "": """
        dont want to be rude | do not want to be rude | not to be rude | without being rude | dont want to seem rude |
        do not want to seem rude |
        permissible | permitted | is it appropriate | is it acceptable | could you advise | please advise |
        please confirm | i would like clarification on | clarification | clarify | kindly |
        does it matter | would it matter | will it matter | is it a big deal | is that a problem |
        is this a problem | does that matter | does this matter | any problem | a problem | an issue |
        any issue | is that allowed | is this allowed |
        is that ok | is this ok | was that wrong | was it wrong | am i allowed | are we allowed
    """,
    # Someone new to the charity, at the start of their post ("new" alone is just new: a new manager, a new app).
    "@newstarter": """
        when i join | when i joined | before i join |
        new starter | new starters | new to leaps | new to the charity | new to the club | new to the group |
        new here | im new | i am new | just started | just joined | just begun | recently started | recently joined |
        when i start | when i started | before i start | before i started | before starting | when starting |
        starting at leaps | starting with leaps | start volunteering | started volunteering | starting volunteering |
        start working | started working | starting work | joining leaps | joined leaps | joining the charity |
        first day | first week | first session | induction | commence | commencing | on joining | new recruit |
        new job | starting my role | taking up my post
    """,
    "@newstarter @self": """
        im a new volunteer | i am a new volunteer | as a new volunteer | new volunteer here | im new staff |
        i am new staff | im a new starter | i am a new starter | as a new starter | new starter here
    """,
    # Time that is the adult's own, when the policy still applies.
    "@personaltime": """
        personal time | my personal time | own time | my own time | in my own time | on holiday | on my holiday |
        on annual leave | off duty | off shift | not working | not at work | when im not working |
        when im not at work | outside work | outside of work | out of work | after work | after hours |
        out of hours | at the weekend | at weekends | on the weekend | in the evening | in the evenings |
        on my day off | on my days off | in my free time | free time | spare time | home time | at home
    """,
    # Joining someone's network or interacting with what they post.
    "@connect @attendee": """
        like a young person | like a kid | like an attendee | like a child | like a teen | young person post |
        young persons post | kid post | kids post | attendee post | attendees post | child post | childs post
    """,
    # What is expected of the adult personally (section 4's list for employees and volunteers).
    "@myduties": """
        my responsibilities | my duties | my obligations | what do i have to do | what am i expected to do |
        what is expected of me | expected of me | expectations of me | what must i do | what should i be doing |
        our responsibilities | our duties | what are volunteers expected | what are staff expected
    """,
    "@connect": """
        mutuals | be mutuals | mutual | follow each other | following each other | follows each other |
        like it | like them | like that page | like her page | like his page | like their page |
        like her business | like their business | like the post |
        comment on | commenting on | comment under | commented on | reply to their post | like their post |
        like a post | liked their | liking their | heart their | react to their | share their post |
        repost their | tag them | tagging them | follow back | followed back | follow them back | duet |
        join the parents | join a group | join their group | join the group | join the chat | join a whatsapp |
        join the whatsapp | join the facebook | join a facebook | join their | added to the group | join his |
        join her | join my squad | join his squad | join their squad | squad | clan | lobby | game party |
        watch my streams | watch my stream | watch my videos | watching my streams | views my | viewing my |
        replied to my | reply to my | commented on my | comment on my | react to my | reacted to my |
        add me to | added me to | invite me to | invited me to | invited me into | join a page | join the page
    """,
    # A phone or device that is the adult's own rather than the charity's.
    "@ownphone": """
        my own phone | my personal phone | personal phone | personal mobile | my personal mobile | my mobile |
        on mine | from mine | my own mobile | my own number | personal number | my personal number |
        private number | private phone | own device | my own device | personal device | my iphone | my android
    """,
    "@workphone": """
        work phone | work mobile | works phone | works mobile | charity phone | leaps phone | team phone |
        group phone | office phone | the work one | work number | work sim
    """,
    # Personal use of the internet, in the clause that forbids it during working hours.
    "@leisure": """
        read the news | reading the news | check the news | checking the news | news app |
        scrolling | scroll | doomscrolling | browsing | surfing the web | surfing the net | online shopping |
        shopping online | amazon | ebay | vinted | asos | netflix | iplayer | spotify | candy crush | betting |
        gambling | bet365 | online bets | personal browsing | personal stuff | personal internet | personal calls |
        check my phone | checking my phone | on my phone | be on my phone |
        go on my phone | my own stuff | watch youtube | watching youtube |
        watch videos | watching videos | catch up on messages | reply to my mates | text my mates
    """,
    # Time when the adult is working or volunteering.
    "@onduty": """
        waiting for the kids | waiting for kids | before the kids arrive | while waiting | between sessions |
        quiet moment | when its quiet | when the session is quiet | downtime | down time |
        during session | during sessions | during the session | in session | in a session | on session |
        on shift | on my shift | during my shift | while at work | when at work | while im at work |
        when im at work | at work during | working hours | lunch break | my break | on a break | on break |
        on my break | tea break | coffee break | break time | running the session | running a session |
        leading the session | leading a session | while im running | while i am running | while running |
        work hours | work time |
        in work time | on work time | on the clock | while working | when working | when im working |
        while im working | on duty | while volunteering | when volunteering | during the day at work |
        in the office | at the office | while the kids | when the kids |
        during activities | during an activity | during club | at club | during the day | in the daytime |
        while the young people | when the young people | while the kids are doing | when the kids are doing |
        while the young people are doing | while the group is doing | while the attendees | while theyre doing |
        while they are doing | while the group | while im supervising | while i am supervising
    """,
    # Records and information the charity holds in confidence.
    "@confidential @record": """
        register | registers | the register | sign in sheet | sign-in sheet | signing in sheet | sign in book |
        attendance list | attendance sheet | attendance register | medical form | medical forms | medical info |
        medical information | medical needs | consent form | consent forms | care plan | care plans |
        support plan | incident form | incident report | incident log |
        case notes | case file | referral | referral form | ehcp | safeguarding file | safeguarding log |
        database | spreadsheet | member list | membership list | list of attendees | list of kids |
        attendee list | emergency contacts | emergency contact details | date of birth | dob | home addresses |
        allergy list | internal documents | internal info | board papers |
        minutes of the board | not been announced | not announced | before its announced | not public yet |
        under wraps | internal news | off the record | behind closed doors | funding cut | funding cuts |
        redundancies | restructure | staff records | personnel file | hr file | sensitive info | sensitive data |
        personal data | data breach | gdpr breach | information about attendees | details of the kids |
        autism | autistic | adhd | diagnosed | diagnosis | special needs | additional needs | mental health |
        medical condition | medical conditions | health condition | self harm | self harming | care status |
        looked after | in care | social worker | social services | child protection plan | home life
    """,
    # Personal details that reveal where an adult lives or works, or how to reach them.
    "@personalinfo": """
        tag my location | tagged my location | tagging my location | location tag | location tags | checked in at |
        street name | my road | road i live on | street i live on | my house number |
        full name | my full name | real name | my real name | my surname and |
        home address | where i live | my address | my postcode | my street | check in |
        checking in | check ins | checked in | location | my location | live location | location sharing |
        share my location | snap map | snapmap | geotag | geotagged | find my friends | find my | phone number |
        mobile number | contact details | personal details | my details | where i work | what school |
        wishlist | wish list | home town | hometown | my town | my village | my kids school | my childrens school |
        where my kids go |
        which gym | what gym | my gym | which pub | where i go | where i hang out | where i drink | my local |
        my routine | my car | my reg | number plate | my birthday | my date of birth | my surname
    """,
    # The job title and workplace fields of a profile.
    "@employer": """
        workplace | place of work | works at | work at | job title | job role | bio | twitter bio |
        headline | about me section | work history | work experience | current job |
        current employer | employment history | occupation | my job | where i work |
        volunteer at | volunteering at |
        im a youth worker | i am a youth worker | im a support worker | im a volunteer | i am a volunteer |
        that im a | that i am a | i work with young people | i work with kids | i work with children |
        work with vulnerable | i volunteer with young people | what i do for work | what i do for a living |
        their role | references their role | mentions their role | my role at | his role at | her role at
    """,
    "@employer @profile": """
        on my bio | in my bio | my bio | bio says | my profile says | profile says | in my profile that |
        on my profile that | my headline | put where i work | say where i work | say i work | says i work |
        mention where i work | list leaps | list my job | my job on | my workplace on | where i volunteer on |
        that i volunteer | that i work | i work with kids
    """,
    "@confidential @record @attendee": """
        attendee records | attendees records | records of attendees | kids records | young peoples records |
        childrens records | attendee files | attendee data | attendee details | attendee information
    """,
    "@confidential @disclose": """
        wrong person | wrong email | wrong address | sent it to the wrong | by mistake | accidentally sent |
        accidentally shared | accidentally emailed | mis sent | missent | leaked | got out
    """,
    "@concern": """
        struggling | feeling low | feel low | feels low | low mood | suicidal | in crisis | not coping | crying |
        not comfortable | uncomfortable | not sure about | gut feeling | doesnt feel right | didnt feel right |
        not right | bit off | red flag | red flags | alarm bells | worried | worries me | concerned | uneasy
    """,
    "@profile @photo": "profile picture | profile pic | profile photo | pfp | display picture | avatar | cover photo",
    "onlinesafety": """
        online dangers | dangers online | risks online | online risk |
        online risks | online safety | stay safe online | staying safe online | internet safety | e safety |
        esafety | help kids understand | teach them about | teach the kids about | educate them about |
        safe on apps | safe on the internet | keep safe online
    """,
    # Someone else's published writing ("news" would otherwise stem to "new").
    "article": """
        news article | news articles | newspaper article | the news | news story | news report | local news |
        bbc news | news site | news website | news piece
    """,
    # The charity's other policies and documents, which this one is read with.
    "otherpolicy": """
        other documents | related documents | other guidance | read alongside | alongside this policy |
        sit alongside | goes with this policy | linked policies | related policy | other policy |
        mobile phone policy | phone policy | safeguarding policy | equality policy | disciplinary policy |
        whistleblowing policy | grievance policy | employee handbook | staff handbook | volunteer handbook
    """,
    # Who can see what a profile shows.
    "@privacy": """
        can anyone see | can everyone see | can people see | anyone can see | everyone can see |
        who can view | who can look at |
        who can see | who sees | can see my | can find my | can find it | find my account | public account |
        public profile | private account | private profile | privacy settings | privacy setting |
        close friends | set to public | set to private | locked account | lock my account | searchable |
        visible to | viewable | hidden from | hide my
    """,
    # Something that shows an adult or the charity in a bad light.
    "@disrepute": """
        drunk | hammered | smashed | wasted | tipsy | legless | pissed | plastered |
        night out | nights out | partying | party pics | drinking | drinking vids | boozing | vaping | smoking |
        weed | drugs | stoned | lewd | raunchy | racy | bikini pics | thirst trap | swearing |
        embarrassing | embarrassing photos | bad look | reflects badly | look bad | unprofessional
    """,
    # Other people's work: songs, images and words that are not the adult's to publish.
    "@legal": """
        reuse | re use | photographers pictures | photographers photos | professional photos |
        someone elses pictures | someone elses images |
        someone elses tweet | someone elses post | other peoples posts | someone elses content |
        someone elses video | someone elses picture | someone elses work | someone elses meme | repost someone |
        copyright | copyrighted | song | songs | music | soundtrack | someone elses song |
        artwork | other peoples photos | someone elses photos |
        stock photos | stock images | plagiarism | plagiarise | libel | slander |
        defamation | defamatory | sue | sued | suing | lawsuit | legal action | solicitor | lawyer
    """,
    # Security of the adult's own accounts and devices.
    "@password": """
        password | passwords | passcode | pin | pin number | login | logins | log in details | login details |
        logged in | logged into | stay logged in | still logged in | hacked | hack | been hacked | got hacked |
        compromised | two factor | 2fa | face id | lock screen | screen lock | unlocked | lost my phone |
        lost phone | phone stolen | stolen phone | left my phone | phone got nicked | nicked my phone |
        borrow my login | share my login | share my password | use my login | lend my login | shared login |
        borrow my password | log in as me | logged in as me | use my account
    """,
    # Indecent images of children.
    "@indecent": """
        images of child abuse | pictures of child abuse | child abuse pictures | abuse images |
        images of children being abused | videos of child abuse |
        indecent | indecent images | indecent image | underage image | underage images | underage photo |
        underage photos | underage pic | underage pics | nude of a child | nudes of a child | child nudes |
        nude images of children | sexual images of children | sexualised images of children | child abuse images |
        child abuse material | child sexual abuse material | csam | csem | child porn | child pornography |
        sexting | nudes | nude pics | naked pics | naked photos | sexual photos | sexual images
    """,
    # Pornography and adult material.
    "@porn": """
        lads mags | lads mag | top shelf | page 3 |
        porn | porno | pornography | pornhub | onlyfans | adult content | adult material | adult stuff |
        adult videos | adult sites | adult websites | explicit | explicit content | explicit material | nsfw |
        xxx | x rated | 18 plus | mucky | dirty pics | dirty videos | sex videos | sex sites | erotic
    """,
    # Unsuitable content a young person might see.
    "@inappropriate": """
        disgusting | gross stuff | showed other kids | showing other kids | showed the others |
        showing the others | showed the group | showing the group |
        self harm content | self harm videos | self harm posts | self harm pictures | pro ana | suicide content |
        suicide videos | eating disorder content |
        inappropriate | unsuitable | dodgy | dodgy stuff | gore | gory | beheading | violent video |
        violent videos | violence | fight videos | scary video | horror | disturbing | age restricted |
        age rated | 18 rated | over 18 content | not suitable | rude videos | rude pictures | showed me a video |
        showed me a picture | showed me something | looking up | searching for
    """,
    # Keeping an eye on young people while they are online.
    "@supervise": """
        stay with | keep an eye on | keep an eye | watch over | be with them | sit with | supervised |
        supervise | supervising | supervision | unsupervised | alone with it |
        check what theyre watching | check what they are watching | look over their shoulder
    """,
    # A danger to the adult's safety or security.
    "@risk": """
        risky | risk | risks | dangerous | danger | dangers | unsafe | is it safe | safe to | security risk |
        identity theft | stalker | stalk me | find me | turn up at my house | turn up at my door
    """,
    # Causes and public positions a person might want to link the charity to.
    "@opinion": """
        anti government | government | the council | tories | labour party | brexit | immigration |
        israel | palestine | gaza | royal family | pro life | pro choice | climate protest |
        strike | strikes | protest | protests | protesting | boycott | march | petition | campaign |
        campaigning | fundraiser for | political | politics | election | vote | voting | party political |
        my views | my opinion | personal views | personal opinion | stance | take a side | taking sides |
        what i think of | what i think about | my thoughts on | my take on | tell the world
    """,
    "@prevent": """
        prevent | prevent duty | legal duty | statutory duty | our duty | duty to prevent | prevent guidance |
        prevent training | counter terrorism | counter-terrorism | channel referral
    """,
    # Extremism and radicalisation.
    "@extremism": """
        extremism | extremist | extremists | extreme views | radical | radicalised | radicalisation |
        radicalization | radicalized | far right | far-right | alt right | white power | white supremacy |
        neo nazi | nazi | swastika | islamist | jihadi | jihadist | terrorism | terrorist | terrorists |
        isis | isil | incel | incels | conspiracy | conspiracy theories | hate group | militia | preacher |
        hate preacher | the enemy | martyr | caliphate | race war | great replacement | white genocide |
        manosphere | red pill | redpill | black pill | extremist content | extreme content | radical content |
        replacement theory | the replacement | remigration | white pride | white nationalist | white nationalism |
        ethnonationalist | nationalist | neo nazis | nazis | fascist | fascism | fascists | hitler | holocaust denial |
        andrew tate | tate | groyper | antifa | accelerationism | accelerationist | eco fascist | sovereign citizen |
        telegram channel | telegram channels | telegram group | extremist group | extremist groups | hate groups |
        recruiting young people | recruit young people | being recruited | recruited into | recruited by |
        groomed into | grooming into | lured into | pulled into | sucked into | drawn into | brainwashed |
        brainwashing | manifesto | mass shooting | school shooting | shooter | bomb making | make a bomb |
        beheading videos | attack video | terror attack | jihad | sharia | infidel | kafir
    """,
    # Being bullied, humiliated or threatened online.
    "@bully": """
        cyberbullying | cyber bullying | cyberbullied | bullying | bullied | bully | humiliate | humiliating |
        humiliated | intimidate | intimidating | threaten | threatened | threatening me | pile on | piling on |
        doxxed | doxxing | doxx | stalking | stalked | stalker | impersonating | fake account of me |
        catfish | catfished | hate comments | nasty comments | abuse online | online abuse | picked on |
        ganging up | ganged up
    """,
    # Stirring people up online to provoke a reaction.
    "@troll": """
        starting drama | start drama | stirring drama | causing drama | kicking off drama |
        starting fights | start fights | on purpose to upset | to upset people | to upset everyone |
        to get a reaction | get a rise | for a reaction | for attention online |
        troll | trolls | trolling | trolled | wind up | wind everyone up | winding people up | wind people up |
        stir | stirring | stirring it | stir things up | provoke | provoking | provocative | inflammatory |
        bait | rage bait | ragebait | flame | flaming | flame war | start arguments | starting arguments |
        picking fights | kicking off in the comments | spamming | spam
    """,
    # Saying unkind or disrespectful things about people.
    "@criticise": """
        does not know what | has no idea | no clue | cant do her job | cant do his job | can not do their job |
        something mean | mean about | mean comment | unkind | spiteful | snide | bitchy | catty |
        sarcastic about |
        criticise | criticising | slag off | slagging off | slagged off | slate | slating | slated | diss |
        dissing | mock | mocking | making fun of | make fun of | take the piss | taking the piss | roast |
        roasting | bad mouth | badmouth | badmouthing | moan about | moaning about | rant about | ranting |
        vent about | venting | call out | calling out | name and shame | having a dig | dig at |
        insult | insulting | abuse | attack | defame | set the record straight | clap back |
        rubbish | useless | incompetent | clueless | hopeless | crap | shit | idiot | idiots |
        pathetic | a nightmare | lazy | thick | stupid | moron | the worst | sucks |
        bad review | negative review | have a go | having a go | go back at |
        hit back | clap back | give them a piece of my mind | tell them off online | get my own back
    """,
    # Telling the right person about a concern.
    "@report": """
        report | reporting | reported | who do i tell | who do i report to | who should i tell |
        who do i speak to | who should i speak to | who do i go to | who deals with | who handles |
        let someone know | flag it | flag up | escalate | raise it | raise a concern | pass it on | tell someone |
        inform | notify | whistleblow | whistleblowing | dob them in |
        who needs to know | who should know | who has to know | who ought to know | who should be told |
        who needs to be told | who do i let know | who do i inform | who should i inform | who do i notify |
        does anyone need to know | does someone need to know | should anyone know | should someone know |
        let them know | let the office know | let a manager know | let my manager know | give someone a heads up
    """,
    # Asking what a word of the policy means.
    "@define": """
        what counts as | what is meant by | what does it mean | what do they mean by | definition |
        define | meaning of | class as | classed as | counts as | count as | is it classed | what is classed |
        count | counts | counted
    """,
    # Someone who used to attend.
    "@former": """
        former | ex attendee | ex attendees | ex member | former attendee | former member | old attendee |
        used to come | used to attend | used to go | no longer comes | no longer attends | doesnt come anymore |
        stopped coming | stopped attending | aged out | aged out of | left the group | left leaps |
        now at uni | at uni now | now at university | now at college | at college now | gone to uni |
        went to uni | off to uni | away at uni | too old for | grown up now | all grown up | now an adult |
        finished at leaps | finished at the club | no longer in the group | not in the group anymore |
        left the club | has left | who left | moved on | graduated | leaver | leavers
    """,
    # A parent or carer of an attendee.
    "@parent": """
        parent | parents | carer | carers | mum | mums | dad | dads | mother | father | guardian | foster carer |
        foster parent | kinship carer | step mum | step dad | stepmum | stepdad | his mum | her mum | their mum |
        his dad | her dad | their dad | grandparent | grandparents | nan | nanna | grandma | grandad | family member
    """,
    # A current attendee.
    "@attendee": """
        young carer | young carers | young adult carer |
        attendee | attendees | young person | young people | young ppl | yp | kid | kids | child | children |
        teen | teens | teenager | youngster | service user | service users | someone we support |
        someone from group | one of the kids | one of ours | one of our young people | lad | lass | girl | boy |
        learner | participant | member of the group | club member | youth | young adult | young adults
    """,
    # Another adult working or volunteering at the charity.
    "@colleague": """
        on work experience | work experience student | work experience students | placement student |
        placement students | students on placement | trainee | trainees | apprentice | apprentices |
        session lead | deputy lead | the session lead | team leader | shift lead |
        colleague | colleagues | coworker | co worker | workmate | fellow volunteer | another volunteer |
        other volunteers | team member | staff member | member of staff | other staff | new volunteer |
        new volunteers | new member of staff | new staff | new colleague |
        fellow staff | volunteer | volunteers | former volunteer | ex volunteer | former colleague |
        ex colleague | former staff | ex staff | ex member of staff | old colleague | old volunteer |
        sessional worker | sessional workers | session worker | sessional staff | sessional
    """,
    # Naming or linking the charity in a post.
    "@identify @org": """
        tag the charity | tag leaps | tag the club | tag the group | tag the organisation | tag our |
        tagged the charity | tagged leaps | tag us | mention the charity | mention leaps | name the charity |
        linked to the charity | link to leaps | our logo | the logo | leaps logo | charity logo | logo |
        our name | the charity name | leaps name
    """,
    # A review is an opinion published about someone.
    "@post @opinion": """
        google review | facebook review | tripadvisor review | trustpilot | left a review | leave a review |
        write a review | wrote a review | posted a review | online review | reviews
    """,
    # The charity's own accounts, which the policy does not run.
    "official": """
        official page | official account | official instagram | official facebook | official tiktok |
        our page | our facebook page | our instagram | our tiktok | the charity page | the charity account |
        leaps page | leaps account | leaps instagram | leaps facebook | leaps tiktok | charity facebook |
        charity instagram | organisation account
    """,
    # Everyday business of a charity that no policy clause is about: IT support, running the official
    # accounts, HR processes, food and outings, transport, looking up a number or a code.
    "@offtopic": """
        outlook | sharepoint | onedrive | helpdesk | it support | tech support | reset my password |
        reset the password | forgot my password | forgotten my password | locked out | wont load | crashed |
        glitch | software | install | engagement | algorithm | analytics | impressions | how many followers |
        how many likes | how many views | best time to post | boost a post | boost the post | advert | adverts |
        advertising | marketing | flyer | flyers | poster | posters | leaflet | leaflets | branding |
        canva | newsletter | content calendar | schedule posts | who runs | who manages | who looks after |
        who is running | grievance | appraisal | contract | interview | recruitment | hiring | promotion |
        pay rise | overtime | notice period | resign | resignation | maternity | paternity | maccies |
        mcdonalds | kfc | nandos | pizza | snacks | packed lunch | picnic | menu | dietary | vegetarian | halal |
        minibus | taxi | car share | lift home | pick up time | drop off time | weather | tell me a joke |
        tell us a joke |
        page password | page login | wifi code |
        justgiving | just giving | gofundme | go fund me | fundraising page | sponsorship page | sponsored walk |
        sponsored run | sponsored swim | marathon | half marathon | bake sale | raffle prizes | collection tin |
        director mobile | director number | manager number | manager mobile | office number | contact number |
        extension number | door code | alarm code | key holder | keyholder | keys to | key safe | keysafe |
        key box | lock box | padlock |
        games can we play | game ideas | activity ideas | party games | craft ideas | accident form |
        accident book | accident report | injury | injured | hurt themselves | cut their |
        cut his | cut her | grazed | bumped their | nosebleed | plaster | plasters | ice pack | fell over | fainted |
        asthma | inhaler | the postcode | postcode for |
        sign the register | take the register | do the register | got the register | where is the register |
        swap my | swap days | swap sessions | swap with someone | swap a session | fill in the register |
        on the register | signing in | sign in | open in | open on | open over | opening times |
        opening hours | closed on | closed over | term dates | half term | start time | finish time |
        what time does | what time do | ratio | ratios | staffing ratio | staff ratio | adult to child ratio
    """,
}


#: Platforms and means of contact used as verbs ("snapchat him", "dm one of them"): contact.
_VERBS = "snapchat whatsapp facetime message text ring call phone email dm inbox"
_OBJECTS = "a an the them him her one some any this that my their our"
_GAMES = "fortnite roblox minecraft fifa valorant apex overwatch warzone gta rocket_league call_of_duty among_us cod"
GROUPS["@contact @platform"] += " | " + " | ".join(
    f"{verb} {game.replace('_', ' ')}" for verb in ("play", "playing", "played", "on") for game in _GAMES.split()
)
GROUPS["@contact @platform"] += " | " + " | ".join(f"{v} {o}" for v in _VERBS.split() for o in _OBJECTS.split())

#: "My friend's kid comes to club": the friend is a parent of an attendee.
_OWNERS = "friend friends mate mates neighbour neighbours sister brother cousin partner colleague boss"
_CHILDREN = "kid kids child children son daughter boy girl lad"
GROUPS["@parent @attendee"] = " | ".join(
    f"{my}{owner} {child}" for my in ("", "my ") for owner in _OWNERS.split() for child in _CHILDREN.split()
)

#: "Leaps supports the strike": a personal view presented as the charity's.
_ORGS = ("leaps", "the charity", "the club", "the organisation", "our charity", "we as a charity")
_STANCES = ("supports", "is against", "backs", "agrees with", "opposes", "thinks", "believes", "stands with", "is for")
GROUPS["@represent @opinion"] = " | ".join(f"{org} {stance}" for org in _ORGS for stance in _STANCES)

#: Being named, shamed or impersonated: bullying aimed at the adult.
GROUPS["@victim @bully"] += """ |
    calling me | called me a | call me a | calls me a | labelled me | accused me | accusing me | accuses me |
    paedo | pedo | paedophile | pedophile | nonce | perv | pervert | a predator | groomer | lies about me |
    fake account | fake profile | fake page | fake insta | fake instagram | fake facebook | fake tiktok |
    fake snap | pretending to be me | posing as me | using my photos | using my pictures | stole my photos |
    stolen my photos | my photos without | impersonate me | impersonating me | clone account | cloned my account |
    threatening message | threatening messages | threatening comment | threatening comments | threats | death threat |
    death threats | threatened me | threatening to | threatens me | sent me threats
"""

#: Views on public questions, however they are put.
GROUPS["@opinion"] += """ |
    political rant | political post | political posts | political views | political opinions | political stuff |
    political meme | political memes | my politics | hot take | hot takes | controversial | controversial opinion |
    culture war | woke | anti woke | trans debate | gender debate | abortion | vaccines | anti vax | antivax |
    lockdown | rally | rallies | demo | demonstration | demonstrations | picket | picket line | activism |
    activist | activists | pressure group | lobby the council | write to my mp | my mp | local councillor
"""

#: Reactions to a post are interaction with its author.
GROUPS["@connect"] += " | emoji | emojis | heart emoji | a heart | hearts | thumbs up | reacted | reaction | reactions"

#: "Dodgy pictures of kids": unsuitable images *of children* are indecent images, not content shown to them.
_ADJECTIVES = "dodgy inappropriate sexual explicit rude weird"
_IMAGES = "images pictures photos pics videos"
_MINORS = ("kids", "children", "a child", "young people", "minors")
GROUPS["@indecent"] += " | " + " | ".join(
    f"{adjective} {image} of {minor}"
    for adjective in _ADJECTIVES.split()
    for image in _IMAGES.split()
    for minor in _MINORS
)

#: Calling somebody names in public.
GROUPS["@criticise"] += """ |
    call someone a | called someone a | calling someone a | call them a |
    calling them a | called them a | called him a | called her a | call him a | call her a |
    say hes a | say shes a | say theyre a
"""

#: Spreading falsehoods about someone is criticising them.
GROUPS["@criticise"] += (
    " | posting lies | posts lies | posted lies | lies about the charity | lies about leaps | lies about us"
    " | spreading lies about | false claims | false allegations | making things up about | smearing | smear"
)

#: "Myself" as emphasis, not as the subject of what is shared.
GROUPS["@connect"] += " | untag myself | untagged myself | untagging myself | remove myself from | removed myself from"
GROUPS["@victim"] += " | defend myself | stick up for myself | stand up for myself | clear my name | put my side"

#: "How can I tell who sees it": finding out, not telling anyone.
GROUPS[""] += (
    " | how can i tell | how do i tell | how do you tell | how would i tell | can i tell if | can you tell if"
    " | how do i know | how can i know | how would i know | how do you know"
)

#: A platform the policy does not name: the definitions (2.3, 2.4) cover any platform.
GROUPS["@unnamed"] = """
    not listed | isnt listed | isnt on the list | not on the list | not named | isnt named | not mentioned |
    isnt mentioned | doesnt name | doesnt mention | does not name | does not mention | not in the list |
    not specifically named | not specifically mentioned | missing from the list | left off the list
"""

#: Liking a young person's posts, or them liking the adult's, is interaction.
GROUPS["@connect"] += (
    " | liking my | likes my | liked my | liking all my | likes all my | liked all my | keeps liking | keep liking"
    " | liking their | likes their | liking her | liking his | commented on all my | comments on all my"
)

#: The board and committees are management, not off-topic meetings.
GROUPS["@management"] = """
    management committee | board member | board members |
    board of trustees | trustee board | governing body | governors | chair of trustees | the board
"""

#: Being called something publicly: bullying aimed at the adult.
GROUPS["@victim @bully"] += """ |
    that im a | that i am a | saying im a | saying i am a | says im a | says i am a | claiming im a | claims im a |
    said im a | said i am a | saying i cant be trusted | says i cant be trusted | cant be trusted
"""

#: Following the policy is being bound by it (whom it covers), not following someone online.
GROUPS["@scope"] = """
    follow this policy | follow the policy | follow these rules | follow the rules | stick to the policy |
    stick to these rules | abide by | comply with | bound by | subject to the policy | subject to this policy
"""

#: A child telling an adult about abuse is for the Safeguarding policy, not about confidentiality or criticism:
#: it counts against every clause of this policy (drop it from "@offtopic" if a Safeguarding policy is added).
GROUPS["@abusedisclosure @offtopic"] = """
    discloses abuse | disclosed abuse | disclosing abuse | disclosure of abuse | made a disclosure |
    makes a disclosure |
    making a disclosure | tells me about abuse | told me about abuse | being abused at home | abused at home |
    abuse at home | something bad is happening at home | something bad happening at home | bad things at home |
    something happening at home | problems at home | trouble at home | unsafe at home | not safe at home |
    scared to go home | afraid to go home | doesnt want to go home | dont want to go home | hurting them at home
"""

#: Someone at home harming a child, told to the adult: a disclosure for the Safeguarding policy.
_RELATIVES = """
    dad | mum | stepdad | step dad | stepmum | step mum | brother | sister | uncle | aunt | grandad | nan |
    mums boyfriend | mums partner | dads girlfriend | dads partner | parents | carer | foster carer
"""
_HARMS = """
    hurts | hits | beats | touches | touched | hurt | hit | beat | slaps | slapped | kicks | kicked | is hurting |
    is hitting | has been hurting | has been hitting
"""
GROUPS["@abusedisclosure @offtopic"] += " | " + " | ".join(
    f"{relative.strip()} {harm.strip()} {whom}"
    for relative in _RELATIVES.split("|")
    for harm in _HARMS.split("|")
    for whom in ("her", "him", "them", "me")
)

#: A young person reaching out for help or sending things: contact, not a request for personal information.
GROUPS["@contact"] += """ |
    asking for help | asked for help | asks for help | asking for advice | asked for advice | asks for advice |
    for advice | help with homework | help with their homework | help with her homework | help with his homework |
    homework help | wants advice | needs advice | wants my advice | sends me | sending me | sent me | keeps sending |
    keep sending | sending memes | sends memes
"""
GROUPS["@connect @platform"] = " | ".join(
    f"found my {place}"
    for place in ("tiktok", "insta", "instagram", "facebook", "snap", "snapchat", "threads", "twitter", "channel")
)

#: Conspiracy talk and calls to fight: signs of radicalisation.
GROUPS["@extremism"] += """ |
    go fight for | going to fight for | wants to fight for | join a militia | joining a militia | armed group |
    the system is evil | the system being evil | the elites | new world order | globalists | deep state |
    sheeple | wake up people | race traitors | race traitor | holy war | sign up to fight
"""

#: Other people's images, clips and words: copyright.
GROUPS["@legal"] += """ |
    clip from a tv show | clip from a film | clip from a movie | tv clip | film clip | from a tv show | found online |
    off google | from google | google images | screenshot of someone elses | screenshot of their tweet |
    photographer pictures | photographer photos | photographer images | a photographers | the photographers |
    someone elses tweet | someone elses meme | other peoples memes | other peoples pictures
"""

#: School years and ages name a young person ("a year 9 from club", "the 15 year olds").
GROUPS["@attendee"] += " | " + " | ".join(
    [f"year {n}" for n in range(3, 14)]
    + [f"y{n}" for n in range(7, 14)]
    + [f"{n}{suffix}" for n in range(8, 19) for suffix in (" year old", " year olds", " yr old", "yo", " yo")]
)

#: Streaming and broadcasting are sharing video.
GROUPS["@photo @post"] += " | stream | streaming | streamed | broadcast | broadcasting | broadcasted"

#: Videos and series about one's work, in public.
GROUPS["@blog"] += """ |
    videos about my job | content about my job | tiktoks about my job | series about my job | posts about my job |
    posting about my job | videos about work | content about work | tiktoks about work | posting about work |
    posts about work | series about work | vlog about work | vlogging about work
"""

#: Asked by the press for a comment.
GROUPS["@press"] += """ |
    asking me to comment | asked me to comment | asks me to comment | asked for a comment | asking for a comment |
    wants a comment | news site | news website | local news | news outlet
"""

#: Something said about the adult in public: aimed at me.
GROUPS["@victim"] += """ |
    that im | that i am | saying im | saying i am | says im | says i am | said im | said i am | claims im |
    claiming im | that i should be sacked
"""

#: Criticism with "me" as its object is aimed at the adult.
GROUPS["@victim @bully"] += """ |
    insulting me | insulted me | insults me | abused me | swearing at me | swore at me | slagging me |
    slags me off | slating me | slated me | mocking me | mocked me | mocks me | making fun of me | made fun of me |
    makes fun of me | laughed at me | badmouthing me | bad mouthing me | criticising me | criticised me |
    attacking me | attacked me | shaming me | named me | slagging me off | slagged me off | laughing at me
"""

#: The asker's own role ("as a trustee, can I ..."): whom the policy covers (2.1), not the person asked about.
GROUPS["@myrole"] = """
    as a trustee | im a trustee | i am a trustee | as a new trustee | newly appointed trustee | as a manager |
    im a manager | i am a manager | as a board member | im on the board | i am on the board | i sit on the board |
    as a director | as the chair | as chair | as a committee member | im on the committee | as a senior manager |
    as a line manager | as the manager | as management
"""

#: The people an adult works alongside or manages are colleagues.
GROUPS["@colleague"] += """ |
    my team | the team | my staff | my volunteers | people i manage | my direct reports | direct reports |
    people who work for me | people on my team | someone i manage
"""

#: Someone posing as the charity: a concern to raise at once.
GROUPS["@concern @report"] = """
    pretending to be the charity | pretending to be us | pretending to be leaps | pretending to be our charity |
    fake leaps account | fake charity account | fake version of our page | impersonating the charity |
    impersonating leaps | impersonating us | copy of our page | cloned our page | fake leaps page
"""

#: Words that mean the person is still attending, whatever their age.
GROUPS["@attendee"] += (
    " | still comes | still attends | still attending | still coming | still goes | still in the group"
)


#: A new or fellow member of staff is a colleague, not a member of a group of attendees.
GROUPS["@colleague"] += """ |
    new staff member | new staff members | new team member | new team members | staff members | team members |
    members of staff | new members of staff | new starter on the team | new worker | new workers | new leader |
    new leaders | new youth worker | fellow staff member | fellow team member
"""

#: A parent's say-so is not the person a question is about: "friends with a young person if their parents say
#: it's fine" is about the young person (6.7); the policy's rules for contact do not bend to consent, so the
#: say-so is dropped (photographs still meet 6.14 through the photo).
_SUBJECTS = """
    parents | parent | the parents | their parents | his parents | her parents | mum | dad | their mum | their dad |
    his mum | her mum | his dad | her dad | mum and dad | carers | carer | their carers | the family | their family |
    guardian | guardians | their guardian
"""
_SAY_SO = """
    say its fine | says its fine | said its fine | say its ok | says its ok | said its ok | say its okay |
    says its okay | said its okay | say its alright | said its alright | are fine with it | is fine with it |
    are ok with it | is ok with it | are okay with it | is okay with it | are cool with it | is cool with it |
    are happy with it | is happy with it | are happy for me to | is happy for me to | dont mind | doesnt mind |
    didnt mind | wont mind | agree | agrees | agreed | have agreed | has agreed | give permission |
    gives permission | gave permission | have given permission | has given permission | consent | consents |
    consented | have consented | has consented | approve | approves | approved | say yes | says yes | said yes |
    allow it | allows it | allowed it | let me | lets me | signed the form | signed a consent form
"""
GROUPS[""] += " | " + " | ".join(
    [
        "with parental consent | with the parents consent | with their parents consent | with parental permission",
        "with the parents permission | with their parents permission | with their parents blessing",
        "even with parental consent | even if the parents agree | even if their parents agree",
    ]
    + [f"{who.strip()} {verb.strip()}" for who in _SUBJECTS.split("|") for verb in _SAY_SO.split("|")]
)

#: Pages and links showing children: indecent images (7.1), not an attendee's own browsing (7.3).
GROUPS["@indecent"] += " | " + " | ".join(
    f"{place} {how} {image} of {minor}"
    for place in ("site", "sites", "website", "websites", "page", "link", "links", "forum", "account", "group")
    for how in ("with", "full of", "showing", "that has", "sharing")
    for image in ("images", "pictures", "photos", "pics", "videos")
    for minor in ("kids", "children", "a child", "young people", "minors", "underage")
)

#: Links, bookmarks and saved sites of adult material are the material (7.2).
GROUPS["@porn"] += """ |
    adult links | porn links | links to porn | links to adult sites | adult bookmarks | porn bookmarks |
    18 plus links | 18 plus sites | 18 plus content | 18 plus stuff | 18 plus videos | 18 plus material |
    over 18 content | over 18s content | adults only | adult only | 18 rated | rated 18
"""

#: Speaking as someone from the charity in public, on the news or anywhere: representing it (6.13).
GROUPS["@represent"] += """ |
    as someone from the charity | as someone from leaps | as someone who works for | as someone who works at |
    as someone who volunteers for | as someone who volunteers at | as a leaps volunteer | as a leaps worker |
    as leaps staff | as a member of leaps | as part of the charity | as part of leaps | as the charity |
    as a charity worker | as a charity volunteer | in my leaps role | in my work role | with my work hat on |
    wearing my work hat | in my capacity as | in an official capacity | under the charity name | as our charity
"""

#: News coverage, whoever wrote it, is the press.
GROUPS["@press"] += """ |
    news story | news stories | news article | news articles | news piece | news post | news item | in the news |
    on the news | local paper | the paper | newspaper article | comment on the news | comments section
"""

#: Everyday safeguarding business that is not about social media: gifts, a missing child, how long records are
#: kept. These belong to other policies (gifts and hospitality, missing child, data retention).
GROUPS["@offtopic"] += """ |
    a present | presents | christmas present | birthday present | leaving present | thank you present | a gift |
    gifts | gift card | gift voucher | gift vouchers | box of chocolates | bottle of wine | accept a gift |
    goes missing | gone missing | went missing | go missing | missing child | child missing | missing person |
    ran off | runs off | run off | wandered off | wanders off | lost child | lost a child | cant find a child |
    absconded | absconds | how long do we keep | how long does the charity keep | how long are records kept |
    how long do we hold | how long we keep | how long are files kept | data retention | retention period |
    retention policy | retention schedule | shred the | shredding | archived files | archive the files
"""

#: Things the adult posts about their own life and nights out: their own conduct (3.2, 6.12), not images of
#: attendees, families or staff (6.14).
GROUPS["@disrepute @self"] = """
    drunk pics | drunk photos | drunk pictures | drunk selfies | drunk videos | drunk video | drunken photos |
    drunken pics | pics from my night out | photos from my night out | pictures from my night out |
    videos from my night out | my night out pics | my night out photos | night out pics | night out photos |
    my holiday pics | my holiday photos | holiday pics of me | bikini pics | bikini photos | shirtless pics |
    shirtless photos | party pics of me | photos of me drinking | pics of me drinking | pics of me drunk |
    photos of me drunk | me drinking | me smoking | me partying | my party pics | my party photos
"""

#: The charity's own business behind the scenes: confidential (6.18, 6.19).
GROUPS["@confidential @discuss"] += """ |
    funding problems | funding issues | funding cuts | funding worries | losing funding | lost funding |
    lost our funding | losing our funding | the budget | budget cuts | the finances | our finances |
    internal emails | internal email | internal staff emails | staff emails | work emails | emails from work |
    emails from the manager | internal messages | internal documents | internal memo | internal memos |
    internal stuff | office gossip
"""

#: Someone else's picture, clip or words found online: copyright (6.21).
GROUPS["@legal"] += """ |
    found on google | google search | off the internet | from the internet |
    found on the internet | found it online | found on instagram | found on facebook | found on pinterest |
    someone elses photo | someone elses picture | someone elses video | someone elses work | someone elses song |
    stock photo | stock photos | stock image | stock images
"""

#: Someone asking for, or being given, the adult's own number: their personal details (6.1, 6.2), so
#: "wants my" does not swallow the "number" it asks for.
_ASKING_FOR = """
    wants my | wanted my | asked for my | asking for my | asks for my | asked me for my | asking me for my |
    keeps asking for my | wants to have my | can have my | give her my | give him my | give them my | give my |
    giving my | gave her my | gave him my | gave them my | share my | sharing my | pass on my | have my
"""
GROUPS["@request @ownphone"] = " | ".join(
    f"{ask.strip()} {thing}"
    for ask in _ASKING_FOR.split("|")
    for thing in ("number", "mobile", "mobile number", "phone number", "personal number", "whatsapp", "digits")
)

#: Places and things that show where the charity is or who runs it: the organisation can be identified (6.14).
GROUPS["@identify @org"] += """ |
    venue sign | the venue sign | our venue sign | sign outside | the sign outside | sign on the door | our sign |
    the club sign | the charity sign | our building | outside our building | front of our building | our banner |
    leaps banner |
    where we meet | where the club meets | where the club is | outside the club
"""

#: Being answerable for what one has posted, even when others spread it (3.3).
GROUPS["@responsibility accountable"] = """
    still on me | is that on me | is it on me | would that be on me | that on me | my fault | down to me |
    blame me | blamed for it | be blamed | held responsible | held accountable | liable for | am i liable |
    answerable for | my responsibility if | responsible for it | accountable for it | responsible if
"""

#: Starting to work with children: the moment to review one's own accounts (5.1, 5.2).
GROUPS["@newstarter"] += """ |
    now im working with kids | now i work with kids | now that i work with | now im working with |
    now that im staff |
    since joining | since i joined | just joined | just started | about to start | starting soon | before i start |
    when i started | now ive started | now that ive started | start volunteering | started volunteering
"""

#: What the organisation itself can do after harm to its name (10.2), not what the adult should do.
GROUPS["@orgaction"] = """
    what can the charity do | what will the charity do | what would the charity do | what does the charity do |
    what can leaps do | what will leaps do | what would leaps do | what can the organisation do |
    what will the organisation do | what can we do as a charity | what can we do as an organisation |
    how will the charity respond | how can the charity respond | how would the charity respond |
    can the charity take action | will the charity take action | does the charity take action |
    can leaps take action | will leaps take action | protect our reputation | protect our name |
    protect the charitys name | protect the charitys reputation | limit the damage | damage control
"""

#: Relatives and my own children's friends who come to the charity are still attendees (6.7): "my niece comes to
#: club", "one of our young people is my cousin".
_KIN = """
    niece | nieces | nephew | nephews | cousin | cousins | godson | goddaughter | godchild | god daughter | god son |
    grandson | granddaughter | grandchild | step son | stepson | step daughter | stepdaughter | little brother |
    little sister | younger brother | younger sister | kid brother | kid sister
"""
_OWN_KIDS = ("son", "sons", "daughter", "daughters", "kid", "kids", "child", "children", "own kid", "own kids")
GROUPS["@attendee"] += " | " + " | ".join(
    [f"{my} {kin.strip()}" for my in ("my", "our", "is my", "are my") for kin in _KIN.split("|")]
    + [f"my {kid} {friend}" for kid in _OWN_KIDS for friend in ("friend", "friends", "mate", "mates", "best friend")]
    + [f"friend of my {kid}" for kid in _OWN_KIDS]
)

#: Keeping or staying connected is contact, however it is put ("can i keep her on my facebook").
GROUPS["@connect"] += """ |
    keep her on | keep him on | keep them on | keep her as a friend | keep him as a friend | keep them as friends |
    stay friends | stay friends with | remain friends | still friends with | keep following | carry on following |
    keep in touch | stay in touch
"""

#: Whoever runs my shift is a colleague (6.10), not the management the policy names in section 4.
GROUPS["@colleague"] += """ |
    my shift lead | my shift leader | shift leader | shift supervisor | my shift supervisor | my shift manager |
    shift manager | duty manager | my team lead | team lead | my team leader | my session lead | my senior |
    senior volunteer | senior worker | lead volunteer | lead youth worker
"""

#: A spare moment between activities while working (6.17).
GROUPS["@onduty"] += """ |
    between activities | in between activities | between games | in between games | between groups | between clubs |
    busy doing crafts | doing crafts | doing arts and crafts | arts and crafts | doing an activity | doing activities |
    all busy | are busy | are all busy | is busy | kids are busy | while theyre busy | while they are busy |
    while the kids are busy | when theyre busy | while theyre occupied | while theyre playing | while they play
"""

#: Quick personal checks of one's own phone and accounts while working: personal use (6.17).
GROUPS["@leisure"] += """ |
    reply to my whatsapps | reply to my messages | reply to my texts | answer my messages | answer my texts |
    answer my whatsapps | check my whatsapps | check my messages | check my texts | check my socials |
    check my notifications | check my insta | check my instagram | check my facebook | check my tiktok |
    check my snap | my whatsapps | quickly check | quick check | have a quick look | a quick look | quick scroll |
    quickly scroll | have a scroll | quick browse | quickly reply | a quick reply | check my bids | check my order |
    check the football | check the scores | check my bank | do my online shop
"""

#: Remarks about who the adult is, by a co-worker or anyone: harassment under the Equality Act (6.20).
_TRAITS = """
    religion | faith | race | skin colour | skin | colour | ethnicity | ethnic background | background | accent |
    nationality | culture | heritage | sexuality | sexual orientation | gender | gender identity | being trans |
    being gay | being a lesbian | being bi | disability | disabilities | wheelchair | age | pregnancy | being pregnant |
    hijab | headscarf | turban | beliefs | religious beliefs | church | mosque | synagogue | temple
"""
_REMARKS = """
    comments about my | comments on my | remarks about my | remarks on my | jokes about my | joking about my |
    mocking my | mocks my | mocked my | making fun of my | makes fun of my | made fun of my | digs about my |
    insults about my | insulting my | having a go at my | picking on my | picks on my | abuse about my |
    posts about my | memes about my | laughing at my | laughs at my | slagging off my | a joke about my |
    joke about my | joked about my | a comment about my | comment about my | a remark about my | remark about my |
    a dig about my | a meme about my | a post about my | said something about my | saying things about my |
    says things about my | nasty about my | rude about my | horrible about my
"""
GROUPS["@equality"] += " | " + " | ".join(
    f"{remark.strip()} {trait.strip()}" for remark in _REMARKS.split("|") for trait in _TRAITS.split("|")
)

#: Being sued or taken to court is legal action (6.21, 11.3).
GROUPS["@legal"] += """ |
    take me to court | take us to court | take you to court | take them to court | take him to court |
    take her to court | taken to court | drag me to court | go to court | court case | in court | sue me | sue us |
    sue the charity | legal trouble | get in legal trouble | legal consequences | get sued | be sued
"""

#: Someone online telling a young person to hate, or drawing them in with gifts and belonging: radicalisation
#: to report under Prevent (9.4).
_TOLD = "telling | told | tells | tell | encouraging | encouraged | encourages | getting | pushing | teaching | taught"
GROUPS["@extremism"] += (
    " | "
    + " | ".join(
        f"{verb.strip()} {whom} to hate"
        for verb in _TOLD.split("|")
        for whom in ("him", "her", "them", "kids", "young people", "the kids", "people", "me")
    )
    + """ |
    hateful videos | hateful video | hate videos | hateful content | hate content | hate material |
    hateful material | hateful memes | hate memes | hateful propaganda | propaganda |
    to hate certain people | hate certain people | hate certain groups | hate other races | hate other religions |
    hate immigrants | hate muslims | hate jews | hate women | hate gay people | hate trans people | hate foreigners |
    blame immigrants | blames immigrants | us and them | fight back against | join his group | join their cause |
    join the cause | groomed online by | grooming him into | grooming her into | grooming them into
"""
)


#: Pictures of the adult's own nights out, parties and past: their own conduct (3.2, 5.2, 6.12).
_OWN_SCENES = "drunk drunken embarrassing messy wild uni student party holiday bikini shirtless stag hen boozy"
_SHOTS = "photo photos pic pics picture pictures video videos selfie selfies snaps"
GROUPS["@disrepute @self"] += " | " + " | ".join(
    [f"{scene} {shot}" for scene in _OWN_SCENES.split() for shot in _SHOTS.split()]
    + [f"{scene} night out {shot}" for scene in ("drunk", "drunken", "messy", "wild", "a") for shot in _SHOTS.split()]
    + [f"night out {shot}" for shot in _SHOTS.split()]
)

#: Having begun to volunteer or work: the moment to review one's own accounts (5.1, 5.2).
GROUPS["@newstarter"] += """ |
    now im volunteering | now that im volunteering | now i volunteer | now im a volunteer | now that im a volunteer |
    now i work here | now im working here | now im staff | now im on the team | now that i work here
"""

#: The charity's money troubles are its confidential business (6.19).
GROUPS["@confidential @discuss"] += """ |
    struggling with money | struggling for money | struggling financially | money troubles | money problems |
    money worries | short of money | running out of money | run out of money | in financial trouble |
    financial trouble | financial difficulties | financial problems | cash flow | might close | might have to close |
    could close | going to close | closing down | shutting down | going under | in debt | the accounts
"""


#: The charity's holiday schemes are its events, not the adult's holiday.
GROUPS["@event"] += """ |
    holiday club | holiday clubs | holiday scheme | holiday schemes | holiday activities | holiday programme |
    summer club | summer scheme | summer holiday club | easter club | half term club | half term activities
"""

#: Hiding faces is still about sharing images of attendees (6.14).
GROUPS["@photo @post"] += """ |
    blur faces | blur their faces | blur the faces | blurred faces | blurring faces | blur them out |
    cover their faces | cover the faces | hide their faces | hide the faces | emoji over their faces |
    emojis over their faces | faces covered | faces blurred | faces hidden | back of their heads | from behind
"""

#: The whole group, and attendees of any age or need, are attendees.
GROUPS["@attendee"] += """ |
    the whole group | whole group | the group from | all the kids | all the young people | adult attendees |
    adult attendee | attendees over 18 | over 18s | under 18s | under eighteens | vulnerable adult |
    vulnerable adults | learning disabilities | learning disability | additional needs | special needs |
    send group | send kids | send young people | send attendees
"""

#: A personal view tied to the work, however loosely, risks being read as the charity's (6.13).
GROUPS["@represent"] += """ |
    related to work | related to my work | to do with work | linked to work | linked to my work | connected to work |
    connected to my work | work related | about my work | because of my work | relates to work
"""


#: Whether a rule binds or only advises is asked of every clause: the words say nothing about which one.
GROUPS[""] += """ |
    requirement | requirements | a requirement | recommendation | a recommendation | just a recommendation |
    mandatory | compulsory | obligatory | optional | a must | just advice | just guidance | a suggestion |
    just a suggestion | best practice
"""


#: Notices about sessions (times, reminders, what to bring) are not news of how an attendee is getting on (6.5).
GROUPS[""] += """ |
    session updates | session update | club updates | club update | group updates | updates about sessions |
    updates about the club | updates about club | session reminders | session reminder | reminders about sessions |
    general updates | general announcements | announcements | notices
"""

#: Starting a group chat or server is contact with whoever is in it.
_STARTS = ("set up", "setup", "make", "start", "create", "run", "open")
_CHATS = """
    a whatsapp group | a whatsapp chat | a group chat | a snapchat group | a snap group | a facebook group |
    a messenger group | a discord server | a discord | an instagram group | an insta group | a group on whatsapp |
    a chat group | a telegram group
"""
GROUPS["@contact @platform"] += " | " + " | ".join(
    f"{start} {chat.strip()}" for start in _STARTS for chat in _CHATS.split("|")
)

#: Unsuitable material with children in it: indecent images (7.1), whatever words frame it.
_UNSUITABLE = "dodgy inappropriate sexual explicit indecent weird nasty creepy disturbing"
_MATERIAL = ("", "stuff ", "content ", "images ", "pictures ", "photos ", "videos ", "material ", "files ")
_WITH_MINORS = ("children", "kids", "a child", "minors", "young people", "under 18s")
GROUPS["@indecent"] += " | " + " | ".join(
    f"{adjective} {material}involving {minor}"
    for adjective in _UNSUITABLE.split()
    for material in _MATERIAL
    for minor in _WITH_MINORS
)


#: Questions that look up a fact or ask how to operate something ("what's the manager's number",
#: "how do i set up a page"): the form of a logistics question. Each is a regular expression over
#: the lower-cased question; a match counts against every clause, as an unknown word would, but more.
LOOKUPS: tuple[str, ...] = (
    r"\b(?:what is|whats|what's|where is|wheres|where's|who is|whos|who's) (?:the|our|his|her|their)"
    r"(?: [\w']+){0,3} (?:number|mobile|password|postcode|email|name|username|link|url|code|extension"
    r"|date|deadline|time|times|address|login)\b",
    r"\bhow (?:do|can|would|should) (?:i|we|you) (?:set up|setup|create|start|rename|book|order|claim|apply|reset"
    r"|restart|charge|turn on|turn off|switch on|switch off|unlock the|connect to the|upload"
    r"|sign up|download|install|update|verify|boost|schedule|grow|advertise|get more|go about setting)\b",
    r"\bhow (?:do|can) (?:i|we) change (?:my|the|our) (?:[\w']+ )?(?:username|name|handle|profile picture|pfp"
    r"|theme|banner|cover photo)\b",
    r"\b(?:what is|whats|what's) (?:the|our) (?!social media)(?:[\w']+ ){1,2}policy\b",
    r"\b(?:what|where) (?:does|do|is) (?:the|our|it in the) (?!social media)(?:[\w']+ ){1,3}(?:policy|handbook)"
    r" (?:say|said|cover|covers|mention)\b",
    r"\bhow (?:many|much) (?:followers|likes|views|people follow|money|days|hours)\b",
    r"\bhow (?:do|can) (?:i|we) (?:add|put|insert|embed) (?:a|the) (?:link|hashtag|filter|sticker|poll|location tag"
    r"|music|caption)\b",
    r"\bgo viral\b|\b(?:more|get|getting|gain|grow) (?:more )?(?:followers|likes|views|subscribers|engagement)\b",
    r"\b(?:which|who|how many) (?:volunteers|staff|kids|children|people|leaders|of us) (?:are|is) (?:on|in|coming"
    r"|working|available|free|off|going|booked)\b",
    r"\bhow many (?:[\w']+ ){0,3}(?:are|were|is) (?:on|in|coming|booked|signed)\b",
    r"\b(?:who is|whos|who's) (?:the|our) (?:[\w']+ ){0,2}(?:trustee|trustees|manager|director|chair|treasurer"
    r"|coordinator|secretary|contact|person for)\b",
    r"\bshow me how\b|\bhow to use the\b|\bhow (?:do|can) (?:i|we) (?:use the|get access|access the|log in to"
    r"|login to|sign in to|add people|add someone|add members|add them to)\b",
    r"\bwho (?:has|have|got|has got) (?:the|our) (?:keys|key|code|password|list|number|spare)\b",
    r"\b(?:book|sign|put|enrol) me (?:on|up|in|onto)\b",
    r"\b(?:best|good|recommended) (?:[\w']+ ){0,2}(?:app|apps|software|program|programme|editor|filter|filters)\b",
    r"\b(?:which|what) (?:app|apps|software|editor|filter) (?:should|do|can|is)\b",
    r"\b(?:what is|whats|what's|what are) (?:the|our) (?:[\w']+ ){0,2}(?:handle|handles|account name|page name|hashtag"
    r"|hashtags|tag|link)\b",
    r"\bhow (?:do|can|would|should) (?:i|we|you) (?:block|unblock|mute|unmute|restrict|unfollow|unfriend|remove)"
    r" (?:someone|somebody|people"
    r"|a user|an account|accounts|comments)\b",
    r"\bhow (?:do|can|would|should) (?:i|we|you) (?:make|edit|film|record|caption|crop|trim|filter) (?:a|an|the|my|our)"
    r" (?:reel|reels|video|tiktok|story|stories|post|collage|slideshow|thumbnail|gif)\b",
    r"\bhow (?:do|can|would|should) (?:i|we|you) (?:fill in|fill out|complete|find|get hold of|download) (?:a|an|the"
    r"|our) (?:[\w']+ ){0,2}(?:form|template|document|button|setting|settings|option|menu)\b",
    r"\bhow (?:do|can|would) (?:i|we|you) (?:go live|livestream|live stream|tag a location|add a location|geotag)\b",
    r"\b(?:cant|can't|cannot|can not|where (?:can|do|would) i|how (?:do|can) i) find (?:the|a) (?:[\w']+ ){0,2}"
    r"(?:button|setting|settings|option|menu|tab)\b",
    r"\bhow long (?:should|do|must) (?:we|i|you) (?:keep|store|retain|hold)\b",
    r"\b(?:change|update|edit|set) (?:the|our) (?:[\w']+ ){0,3}(?:profile picture|profile pic|pfp|banner|cover photo"
    r"|header|page name)\b",
)


def _phrasings(value: str) -> list[str]:
    return [p.strip() for p in value.split("|") if p.strip()]


def concept_words() -> dict[str, str]:
    """Single words, each to its concept token(s)."""
    return {p: concept for concept, value in GROUPS.items() for p in _phrasings(value) if " " not in p}


def concept_phrases() -> dict[str, str]:
    """Multi-word phrasings, each to its concept token(s)."""
    return {p: concept for concept, value in GROUPS.items() for p in _phrasings(value) if " " in p}
