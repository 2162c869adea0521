"""Hospital leaders named with their titles (院党委副书记、院长张建国 -> 张建国: [党委副书记, 院长]).

Pages write them in many layouts: posts before names in prose and on label lines, names before
posts (张伟院长说, rows of tables), tables in columns, biographies, appointments (由…担任, 任命…为),
names counted before their post (两位副院长). Posts of guests (市卫健委主任, 县委书记) and former
posts (原院长, 老院长) are not the hospital's (posts.py); a post after another hospital's name is
that hospital's."""

import re
from bisect import bisect_right
from itertools import chain

from .facts import PersonFact
from .names import is_short_form
from .nlp import tag
from .posts import held_elsewhere, names_organ

TITLES = (
    "党委副书记",
    "党委书记",
    "党总支部书记",
    "党总支副书记",
    "党总支书记",
    "党支部书记",
    "党支部副书记",
    "总支书记",
    "纪委书记",
    "纪委副书记",
    # "党委书记张三、副书记李四": a bare 副书记 in a hospital is the party committee's (_clean_title).
    "副书记",
    "党委委员",
    "工会副主席",
    "工会主席",
    "院长助理",
    "常务副院长",
    "执行院长",
    "副院长",
    "院长",
    "总会计师",
    "总经济师",
    "总药师",
    "总工程师",
    "总护理师",
    "总护士长",
    "护理部主任",
    "科主任",
    "副主任",
    "主任",
    "护士长",
    "总经理",
    "理事长",
    "董事长",
)
_TITLE = "|".join(TITLES)
# A department never runs over a conjunction: "副院长刘某及护理部主任王某" holds two people.
_DEPT = r"(?:(?:(?![及和与兼])[\u4e00-\u9fff]){1,6}?(?:科|部|室|办|中心))?"
# A post, never the start of a professional rank (主任医师 is no 主任).
_POST_T = rf"(?:{_TITLE})(?!医师|护师|药师|技师)"
# Posts joined in a chain: "党委副书记、院长", "院长兼党委副书记".
_POSTS = rf"{_POST_T}(?:[、和及兼]{_POST_T})*"
_ONE_TITLE = rf"(?:院|医院)?{_DEPT}{_POST_T}"
# Professional ranks that may stand between a post and the name ("院长、主任医师冯刚"): not posts.
_RANKS = (
    r"(?:[、，, ]?(?:副?主任医师|副?主任护师|副?主任药师|副?教授|博士生导师|硕士生导师|博导|硕导|医学博士|"
    r"[\u4e00-\u9fff]{0,4}专家))*"
)
# "院长(党委副书记)余建华": a second post in brackets is joined to the first.
# "副院长兼医务科科长周涛": a section chief's post held with it is joined too.
# "院长、书记申锦林": after another post, a bare 书记 is the party secretary (_clean_title).
# "党委副书记（正处级）、纪委书记", "党委书记 兼 院长": a note or spaces may stand in the chain.
_JOINED = (
    rf"(?:(?:[（(][^（）()\n]{{1,12}}[)）])?[ \t]*[、和及兼][ \t]*(?:{_ONE_TITLE}|书记)|[（(]兼?{_ONE_TITLE}[)）]"
    r"|兼[\u4e00-\u9fff]{1,6}?(?:科|部|室|办|处)(?:科长|处长|部长))"
)
# "副院长（主持行政工作）韩冬", "副院长（援疆）蒙涛": a note on the post, in brackets, between the post
# and the name (a post in brackets is joined to the first instead, above).
_POST_NOTE = r"(?:[（(][^（）()\n]{1,12}[)）])?"
PERSON_RE = re.compile(
    # "院长 韦志明介绍": pages also set the name off by spaces alone.
    rf"(?P<titles>{_ONE_TITLE}{_JOINED}*){_POST_NOTE}(?:[ \t]*[：:][ \t]*|[ \t]+|有(?=[\u4e00-\u9fff]{{2,3}}、))?{_RANKS}"
    # The name is looked at, not taken: the next post may begin right after it ("院长：韦明党委书记：黄海").
    # A name a page lost characters of ("赵〓〓梅") is no name, but the names listed after it are.
    r"(?=(?P<name>[\u4e00-\u9fff]{0,2}〓+[\u4e00-\u9fff]{0,2}(?=[、，,；;。 \t]|$)|[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,8}"
    r"|[\u4e00-\u9fff]{2,5}|[\u4e00-\u9fff][ \t]{1,2}[\u4e00-\u9fff]))"
)
_TITLE_SPLIT = re.compile(r"[、和及兼（()）]")
_POST_ENDS = (*TITLES, "书记", "科长", "处长", "部长")

SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈傅"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄"
    "窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查"
    "麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴冒逄綦"
    "盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭"
    "况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
    "蒿郗琚洪赖阎鄂寿滑习宓濮郦竺蔚邴隗郏訾蒯字"
)
COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "诸葛",
    "上官",
    "东方",
    "皇甫",
    "令狐",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "端木",
    "钟离",
    "澹台",
    "轩辕",
    "呼延",
    "南宫",
)
# Characters of transliterated Uyghur, Kazakh, Tibetan and Mongolian names, written without the dot
# (阿依古丽, 扎西顿珠, 巴特尔): such a name has no Han surname and may have four characters.
_TRANSLIT_CHARS = (
    "阿依古丽买提吐尔逊洪热合曼娜扎西顿珠次仁卓玛巴特其格木苏德拉索朗多吉卡斯克孜别哈沙帕夏努艾力江米吾麦"
    "迪亚尼莎罕汗阿布都克里木图乌兰塔娜琪哲仑布赫敖登嘎桑旦央宗措姆达瓦曲平措加"
    # Tibetan (才让卓玛, 贡保杰) and Mongolian (巴图孟和, 萨仁其其格) readings.
    "才让增贡保杰洛确益旺堆普边罗白泽孟和额敦宝音那满胡斯琴萨日朝鲁坦呼毕雅乐云金"
    # More Tibetan readings (才让东智, 鲁茸培楚, 丹增嘉措, 群培, 彭措, 完玛, 昂旺, 卓嘎, 曲珍).
    "东智茸培楚嘉群彭完昂嘎珍丹强毛更"
)
_TRANSLIT = set(_TRANSLIT_CHARS)
# What may follow a name; a name is never a fragment of a longer phrase.
_AFTER = re.compile(
    r"^(?:$|[，,。；;：:、！？!?“”\"（()）\s…—]|在|为|带|介绍|表示|说|指出|强调|要求|参与|参加|接受|一行|主持|率|等|"
    r"和|与|及|以及|到|来到|对|向|赴|深入|亲切|履新|调研|陪同|担任|作|代表|慰问|进行|也|就|还|从|同志|坚定|讲话|"
    r"出席|宣布|宣读|所作|所做|表态|致辞|致开幕词|致闭幕词|致欢迎词|发言|回到|带领|看望|走访|前往|领衔|牵头|认为|感慨|告诉|回忆|透露|希望|寄语|提出|作为|的|是|已|曾|先后|"
    r"一直|始终|多次|亲自|现场|分别|带头|回顾|总结|谈到|说起|坦言|感慨|解释|补充|笑着|动情|共同|一同|一起|"
    r"分管|主管|协管|负责|联系|挂联|包联|兼任|兼|则|均|看来|每天|每周|每月|每年|经常|常常|总是|组成|给|[两二三四五六七八九]位|"
    # "院长陈建军任组长": the post of a working group held besides.
    r"任(?:组长|副组长|主任|队长|团长|主编|会长)|通报|汇报|传达|部署|解读|点评|主讲|讲解|授课|布置|作了|做了|"
    # "院长高卫东拿出一份报表", "副院长彭志远列席": what the leader did next.
    r"拿出|指着|翻开|看着|站在|坐在|走进|列席|一边)"
)
# Leaders in a label line of a profile page: "党委书记：陈新民", "院　　长　蒋志国",
# "党委书记、院长　高立新", "副院长：李红梅　黄志刚". Layout spaces may sit inside the title.
_SPACED_TITLE = "|".join(r"[ \t]*".join(t) for t in sorted(TITLES, key=len, reverse=True))
# A two-character name padded to three in a list ("周　斌") is one name.
_PADDED = r"[\u4e00-\u9fff][ \t]{1,2}[\u4e00-\u9fff](?![\u4e00-\u9fff])"
# A four-character name in a list ("副院长 才让卓玛 李占魁") is a transliterated one.
_TRANSLIT_4 = rf"[{_TRANSLIT_CHARS}]{{4}}(?![\u4e00-\u9fff])"
_NAME_2_3 = (
    rf"(?:[\u4e00-\u9fff]{{1,6}}·[\u4e00-\u9fff]{{1,8}}|{_PADDED}|{_TRANSLIT_4}|[\u4e00-\u9fff]{{2,3}})"
)
_LABEL_NAME = re.compile(_NAME_2_3)
_DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,8}")
# On a label a bare 书记 ("书　　记：王海燕", "书记、院长：李建国") is the party secretary: a branch's
# (支部书记) has its unit right before it, where a label has a break.
_LABEL_TITLE = rf"(?:{_SPACED_TITLE}|书[ \t]*记)"
# A listed name the page lost a character of ("方〓〓、彭丽萍") keeps its place in the list.
_LABEL_ITEM = rf"(?:{_NAME_2_3}|[\u4e00-\u9fff]{{0,2}}〓+[\u4e00-\u9fff]{{0,2}})"
LABEL_RE = re.compile(
    rf"(?:(?<=[：:；;，,。\s|｜])|^)(?:院|医院)?"
    rf"(?P<titles>{_LABEL_TITLE}(?:[、和及兼]{_LABEL_TITLE}|[（(]兼?{_LABEL_TITLE}[)）])*)"
    rf"(?:[ \t]*[：:|｜][ \t]*|[ \t]+|为|是由|由)(?P<names>{_LABEL_ITEM}(?:(?:[ \t]+|[ \t]*[、，,][ \t]*)(?!{_LABEL_TITLE}){_LABEL_ITEM})*)"
    r"(?=[ \t]*(?:$|[；;。/|｜，,]|[ \t]+))",
    re.M,
)
# "张伟院长说", "李明书记介绍": a leader's name before the title, where a clause begins.
# A bare 书记 after a hospital leader's name ("王林书记和王卫明院长") is the party secretary.
_LEADER_TITLE = "党委副书记|党委书记|常务副院长|执行院长|副院长|院长|书记"
NAME_FIRST_RE = re.compile(
    # "在李明院长的陪同下", "感谢李明院长": a preposition or a verb of courtesy may come before.
    r"(?:(?<=[，,。；;：:“”\s院|｜、和与在由向对同请])|(?<=感谢|邀请|陪同|欢迎|祝贺|首先|随后|接着)|(?<=分别是)|^)"
    r"(?P<name>[\u4e00-\u9fff]{2,3}?)"
    r"(?:[ \t]+|同志)?(?:任|担任|现任|出任)?(?:医院|该院|本院)?"
    rf"(?P<title>{_LEADER_TITLE})"
    # "雷志勇副院长笑着说": an adverb may stand between the post and the verb.
    r"(?=首先|随后|接着|先后|(?:笑着|动情地|感慨地|深有感触地|也|则|还|又)?"
    r"(?:说|表示|介绍|指出|认为|告诉|强调|坦言|谈到|传达|通报|部署)|在|对|带领|带队|一行|率队|出席|陪同|主持|参加|共同|分别|"
    r"的|作|所作|所做|表态|汇报|致辞|讲话|发言|颁奖|揭牌|代表|一边|边|拿出|指着|翻开|看着|站在|坐在|走进|列席|"
    r"和|与|及|，|,|。|：|:|；|;|、|[ \t]|$)",
    re.M,
)
# "副院长张三、李四和王五", "副院长 李国栋 张　萍 何建新出席": more names sharing the title.
# A name the web page lost (the cleaner marks each lost character 〓: "韩〓〓") is passed over.
# A short note in brackets may follow a name before the next ("张伟（挂职）、刘芳").
# A comma joins names only in a list that a 分别 or 等 closes ("副院长：王春华，李红梅分别分管…").
_COMMA_IN_LIST = (
    r"[ \t]*[，,][ \t]*(?=(?:[\u4e00-\u9fff]{2,3}[，,、])*[\u4e00-\u9fff]{2,3}(?:分别|等[人同\u4e00-\u9fff]))"
)
_MORE_NAMES = re.compile(
    rf"(?:[（(][^（）()\n]{{1,8}}[)）])?(?:[ \t]*(?:、|和|及|与)[ \t]*|[ \t]+|{_COMMA_IN_LIST})"
    rf"(?:(?P<lost>[\u4e00-\u9fff]{{0,2}}〓+[\u4e00-\u9fff]{{0,2}}?)(?=[、和及与 \t]|$)|(?P<name>{_PADDED}|[\u4e00-\u9fff]{{2,4}}))",
    re.M,
)
# "医院党委书记为贾建华，": the post, then 为 and the name, then a clause break.
TITLE_IS_RE = re.compile(
    rf"(?P<titles>{_ONE_TITLE}{_JOINED}*)(?:为|是)"
    r"(?P<name>[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,8}|[\u4e00-\u9fff]{2,4})(?=[，,。；;、]|$)",
    re.M,
)
# "覃卫国（医院党委书记、院长）介绍": the titles in brackets after the name.
BRACKET_RE = re.compile(
    r"(?P<name>[\u4e00-\u9fff]{2,4})[（(]兼?(?:医院|院)?"
    rf"(?P<titles>{_POSTS})[）)]"
)
# A short biography: "赵磊，男，汉族，…现任医院党委书记、院长".
BIO_RE = re.compile(
    r"(?:(?<=[。；;\n])|^)(?P<name>[\u4e00-\u9fff·]{2,8})[，,]"
    # With 男/女 the biography may run over sentences ("…主任医师。2019年起任医院党委书记").
    r"(?:(?:男|女)[，,][^\n]{0,120}?|[^。；;\n]{0,80}?)(?:现任|现为|[年月]起任|[年月]起担任|[年月]任|至今任)"
    rf"(?:医院|该院|本院|院)?(?P<titles>{_POSTS})",
    re.M,
)
# "韦明，党委副书记、院长，主任医师": a name at the start of a sentence, then its posts alone.
APPOSITION_RE = re.compile(
    r"(?:(?<=[。；;\n])|^)(?P<name>[\u4e00-\u9fff]{2,4})[，,][ \t]*(?:医院|院)?"
    rf"(?P<titles>{_POSTS})(?=[，,。；;]|$)",
    re.M,
)
# A form: "姓名：韦明　职务：党委副书记、院长", on one line or two.
FORM_RE = re.compile(
    rf"姓[ \t]*名[ \t]*[：:][ \t]*(?P<name>{_NAME_2_3})\s*[，,；;|｜]?\s*职[ \t]*务[ \t]*[：:][ \t]*(?:院|医院)?"
    rf"(?P<titles>(?:{_SPACED_TITLE})(?:[、和及兼](?:{_SPACED_TITLE}))*)"
)
# A row of a leadership table, name first: "张　梅　党委副书记、纪委书记　主持纪委全面工作".
# A table's name cell (bars blanked to spaces: "  包巴特尔   院长  ") holds a name of up to five
# characters, transliterated or not.
_NAME_CELL = r"(?<=^  )[\u4e00-\u9fff]{4,5}(?=   )"
ROW_RE = re.compile(
    rf"^[ \t]*(?P<name>{_NAME_2_3}|{_NAME_CELL})[ \t]+(?:院|医院)?"
    rf"(?P<titles>(?:{_SPACED_TITLE})(?:[、和及兼](?:{_SPACED_TITLE})|[（(]兼?(?:{_SPACED_TITLE})[)）])*)"
    r"(?=[ \t]|$)",
    re.M,
)
# Appointments: "由郭志远担任医院党委书记", "林海同志任某某县人民医院副院长", "周敏出任该院院长". A
# hospital's name may stand between the verb and the post; _owner decides whose post it is.
APPOINT_RE = re.compile(
    # "韦志强是医院副院长", "韦志强自2018年起担任医院院长": a copula, or a time before the verb.
    # "甲同志任医院党委书记、乙同志任医院院长": an appointment may follow another after 、.
    # "领队张振华任医院党委副书记": a team role may stand before the name.
    r"(?:(?<=[，,。；;：:“\s由、])|(?<=领队|队长|组长|专家|教授)|^)(?P<name>[\u4e00-\u9fff]{2,3}?)(?:同志)?"
    r"(?:自?\d{4}年(?:\d{1,2}月)?(?:起|以来)?)?(?P<verb>担任|出任|任|现任|兼任|是|现为|系|(?:还|也)?作为)"
    r"(?P<where>[\u4e00-\u9fff（）()]{0,20}?(?:医院|卫生院|保健院|中心|该院|本院|我院))?"
    rf"(?P<titles>{_POSTS})(?![\u4e00-\u9fff]{{0,2}}(?:医师|护师|药师|技师))",
    re.M,
)
# "作为医院副院长，韦志强…", "身为院长的韦志强": the post introduced first, then its holder.
AS_RE = re.compile(
    rf"(?:作为|身为)(?:医院|该院|本院|院)?(?P<titles>{_POSTS})(?:的|[，,])"
    r"(?P<name>[\u4e00-\u9fff]{2,4})"
)
# "院长韦志、书记黄海": a bare 书记 right after a list break is the party secretary.
BARE_SECRETARY_RE = re.compile(r"(?<=[、，,])书记(?P<name>[\u4e00-\u9fff]{2,4})")
# "任命孙立平同志为医院院长", "聘任周红为副院长": the verb first, then the name and 为.
NAMED_AS_RE = re.compile(
    r"(?:任命|聘任|聘请|提名|推选|选举|推荐)(?P<name>[\u4e00-\u9fff]{2,3}?)(?:同志)?为"
    r"(?P<where>[\u4e00-\u9fff（）()]{0,20}?(?:医院|卫生院|保健院|中心|该院|本院|我院))?"
    rf"(?P<titles>{_POSTS})(?![\u4e00-\u9fff]{{0,2}}(?:医师|护师|药师|技师))"
)
# "高建民、曹秀英两位副院长", "聘任魏亚楠、付海涛两位同志为医院副院长": names counted, then their post.
COUNTED_RE = re.compile(
    r"(?:(?<=[，,。；;：:“\s任])|^)(?P<names>[\u4e00-\u9fff]{2,4}(?:[、和及与][\u4e00-\u9fff]{2,4})+)"
    r"(?:[两二三四五六]|\d)[位名](?:同志)?(?:为|任|担任|出任)?"
    # "聘任甲、乙两位同志为某某医院副院长": the hospital may be named in full before the post.
    r"(?:[\u4e00-\u9fff（）()]{0,20}?(?:医院|卫生院|保健院|中心|该院|本院|我院)|院)?"
    rf"(?P<titles>{_POSTS})",
    re.M,
)
_NOT_NAME_START = (
    "负责",
    "同志",
    "主持",
    "带队",
    "一行",
    "表示",
    "介绍",
    "亲自",
    "办公",
    "会议",
    # Words that begin with a surname's character ("院长方面表示", "党委书记黄金周期间").
    "方面",
    "方式",
    "方案",
    "方向",
    "全体",
    "全面",
    "同时",
    "黄金周",
    "常年",
    "任期",
    "高度",
    "期间",
    "时期",
    "谈话",
    "任内",
    "任上",
    "信箱",
    "任命",
    "任务",
    "常务",
    # "新任副院长任职宣布大会", "聘为医院荣誉院长": the post's occasion or an honour, not a name.
    "任职",
    "任免",
    "荣誉",
    "名誉",
)
# Posts of guests from outside: a government's own (副市长, 局长) or any post after an organ's name
# (县委书记, 某某学院院长). "张伟书记" later in the text is the guest again, not the hospital's.
GUEST_RE = re.compile(
    r"(?P<post>副?(?:书记|主任|部长|局长|厅长|处长|市长|县长|区长|州长|旗长|盟长|主席|校长|院长|秘书长))"
    r"(?P<name>[\u4e00-\u9fff]{2,4})"
)
_GOVERNMENT_POST = re.compile(r"副?(?:局长|厅长|处长|市长|县长|区长|州长|旗长|盟长|部长|秘书长)")
MEDIA_WORDS = ("记者", "通讯员", "编辑", "撰稿", "策划", "校对", "摄影", "设计", "供稿")


def _clean_title(t):
    if t in ("副书记", "院副书记", "医院副书记"):
        return "党委副书记"
    if t == "书记":
        return "党委书记"
    for prefix in ("医院", "院"):
        if t.startswith(prefix) and t[len(prefix) :] in TITLES:
            return t[len(prefix) :]
    base = next((x for x in sorted(TITLES, key=len, reverse=True) if t.endswith(x)), t)
    dept = t[: len(t) - len(base)]
    # A department before the title must be a department, not a clause ("…科为科主任").
    if dept and (re.search(r"[在为的与和及是从对向把被了等由请]", dept) or dept.startswith(("院", "医院"))):
        return base
    return t


def _is_name(candidate):
    if _DOTTED_NAME.fullmatch(candidate):
        return True  # 阿不都·热合曼: a transliterated name
    if len(candidate) in (3, 4, 5) and all(c in _TRANSLIT for c in candidate):
        return True
    if candidate.startswith(COMPOUND_SURNAMES):
        return len(candidate) in (3, 4)
    if len(candidate) == 3 and candidate[2] in "地着的是" or candidate[-1] in "部委":
        return False  # "副院长高兴地说": an adverb; "支部书记": a unit, not a name
    return candidate[0] in SURNAMES and len(candidate) in (2, 3)


def _verb_not_name(candidate):
    """True when jieba reads the candidate as one verb, adverb or conjunction (宣布, 同时, 负责)."""
    words = tag(candidate)
    return len(words) == 1 and words[0][1] in ("v", "vd", "vn", "d", "ad", "c", "p")


_RANK_WORD = re.compile(r"副?教授|博士|副?主任医师|研究员|医生|大夫|同志|专家")


def _tagged_name(text, start):
    """A name followed by a word the boundary list does not know ("院长张伟颁奖", "王明教授介绍"), as
    jieba reads it: a personal name (nr) of two or three characters, its surname alone or not."""
    words = tag(text[start : start + 10])
    if not words or not words[0][1].startswith("nr"):
        return ""
    name, rest = words[0][0], words[1:]
    if len(name) == 1 and rest and rest[0][1].startswith("nr"):
        name, rest = name + rest[0][0], rest[1:]  # "覃/志强"
    # What follows must be a verb or a rank ("张伟/颁奖", "王明/教授"): "廉政/谈话" is no name.
    if not rest or not (
        rest[0][1] in ("v", "vd", "vi", "l", "nz", "d", "t") or _RANK_WORD.fullmatch(rest[0][0])
    ):
        return ""
    # A name running into a character the page lost (林清〓) is only part of one.
    lost = text.startswith("〓", start + len(name))
    if 2 <= len(name) <= 3 and _is_name(name) and not name.startswith(_NOT_NAME_START) and not lost:
        return name
    return ""


_NEXT_LABEL = re.compile(rf"(?:院|医院)?{_POST_T}[ \t]*[：:]")


def _split_name(text, start, chunk):
    """The person's name at the start of `chunk`: try 3 then 2 characters, each followed by a boundary."""
    if "·" in chunk:
        dot = chunk.index("·")
        for n in range(dot + 3, len(chunk) + 1):
            if _AFTER.match(text[start + n : start + n + 4]):
                return chunk[:n]
        return ""
    options = []
    # Five characters only for a transliterated name (乌云其木格, 萨仁其其格).
    for n in (3, 2, 4, 5):
        cand = chunk[:n]
        if len(cand) < n or not _is_name(cand) or cand.startswith(_NOT_NAME_START):
            continue
        rest = text[start + n : start + n + 4]
        b = _AFTER.match(rest)
        if b:
            options.append((cand, len(b.group())))
    if not options:
        # "院长：韦明党委书记：黄海" (two label lines a page ran together): the next label ends the name.
        for n in (3, 2):
            if _is_name(chunk[:n]) and _NEXT_LABEL.match(text, start + n):
                return chunk[:n]
        return _tagged_name(text, start)
    # "巴图孟和、张丽萍": a transliterated four-character name ending at punctuation is whole, though
    # its first three characters look like a Han name before 和.
    for cand, _n in options:
        after = text[start + len(cand) : start + len(cand) + 1]
        if len(cand) >= 4 and all(c in _TRANSLIT for c in cand) and not re.match(r"[\u4e00-\u9fff]", after):
            return cand
    if len(options) > 1 and len(options[0][0]) == 3 and len(options[1][0]) == 2 and options[1][1] >= 2:
        return options[1][0]  # "王霞来到…": 来到 is the boundary, not 来 a third character
    options = [c for c, _n in options]
    # "院长张三在…" vs "张三在": a third character that is itself a boundary word ends the name.
    if (
        len(options[0]) == 3
        and options[0][2] in "在为带说等和与及到对向也就还率从是已曾则均作致"
        and len(options) > 1
    ):
        return options[1]
    return options[0]


def _inside_any(text, start, length, forms):
    """True when text[start:start+length] lies inside an occurrence of one of `forms`."""
    for form in forms:
        lo = max(0, start + length - len(form))
        i = text.find(form, lo, start + len(form))
        if i != -1 and i <= start and start + length <= i + len(form):
            return True
    return False


def _sentence_at(sentences, starts, pos):
    """The sentence holding `pos`, by bisection (a long text has many sentences and people)."""
    i = bisect_right(starts, pos) - 1
    if i >= 0 and sentences[i].start <= pos < sentences[i].end:
        return sentences[i]
    return None


_POSTS_CELL = re.compile(rf"(?:院|医院)?(?P<titles>{_POSTS})")
_LINE = re.compile(r"[^\n]+")


def _columns(text):
    """(line match, name, titles) of a leadership table laid out in columns: a line of posts, then
    lines of names standing under them ("院长 党委书记 副院长" / "韦明 黄海 覃丽")."""
    lines = list(_LINE.finditer(text))
    for i, line in enumerate(lines):
        cells = re.split(r"[ \t|｜]+", line.group().strip())
        posts = [_POSTS_CELL.fullmatch(c) for c in cells]
        if len(cells) < 2 or not all(posts):
            continue
        for below in lines[i + 1 : i + 4]:
            names = re.split(r"[ \t|｜]+", below.group().strip())
            if len(names) != len(cells) or not all(_LABEL_NAME.fullmatch(n) for n in names):
                break
            for name, post in zip(names, posts, strict=True):
                yield below, name, [_clean_title(t) for t in _TITLE_SPLIT.split(post.group("titles")) if t]


def _held_elsewhere(text, start):
    """True when the post whose match begins at `start` is an organ's ("区卫生健康委党委书记、主任",
    "市委副书记") or a former one ("原院长"). The context is read before the title proper, after a
    hospital prefix the match took in ("医院院长": 医院 is what makes it the hospital's)."""
    prefix = re.match(r"医院|院(?!长)", text[start : start + 2])
    at = start + (prefix.end() if prefix else 0)
    if held_elsewhere(text, at):
        return True
    # "县总工会副主席", "县卫生系统工会主席": a union named by what is before it is that organ's.
    if text.startswith("工会", at) and held_elsewhere(text, at + 2):
        return True
    # "卫生局办公室主任": the unit the match took in front of the post is an organ's.
    unit = _UNIT_BEFORE_POST.match(text, at)
    return bool(unit and names_organ(unit.group("unit")))


_UNIT_BEFORE_POST = re.compile(rf"(?P<unit>{_DEPT}){_POST_T}")


_LONGER_NAME = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:医院|分院|院区)")


def _branch_of(text, begin, end, start):
    """The longer hospital name that a hospital's name at text[begin:end] runs on into right before
    the post at `start` ("北京儿童医院保定医院执行院长", "华山医院桂平分院院长"): a branch, whose post it
    is; "" when there is none. The store gives posts of hospitals it does not know to the subject."""
    if text.startswith("医院", start):
        prefix = 2  # the post's match begins with the 医院 that ends the longer name
    elif text.startswith("院", start) and not text.startswith("院长", start):
        prefix = 1
    else:
        prefix = 0
    m = _LONGER_NAME.match(text, end)
    return text[begin : m.end()] if m is not None and m.end() <= start + prefix else ""


_LISTED_AFTER = re.compile(rf"(?P<title>{_POST_T})(?=[\u4e00-\u9fff]{{2,3}}、$)")


def _owner(text, start, name_start, subject, other_names, subject_forms, depth=0):
    """The hospital whose post starts at `start`: another hospital named right before it, else the
    subject."""
    hospital = subject
    for other in other_names:
        i = text.rfind(other, max(0, start - 30), name_start)
        between = text[i + len(other) : start] if i != -1 else ""
        # "华西医院签约后，该院院长张三": a clause break or 该院 in between ends the other's claim;
        # so does another post ("华西医院院长张三与院党委书记李四"): that was the other's leader.
        if (
            i != -1
            and i + len(other) >= start - 6
            and not re.search(rf"[，,。；;]|该院|我院|本院|{_TITLE}", between)
        ):
            if not _inside_any(text, i, len(other), [f for f in subject_forms if len(f) > len(other)]):
                hospital = _branch_of(text, i, i + len(other), start) or other
    if hospital == subject:
        hospital = _abbreviated_other(text, start, subject, other_names, subject_forms) or subject
    if hospital == subject:
        hospital = _unnamed_other(text, start, subject_forms) or subject
    # "某医院常务副院长甲、副院长乙": a bare post listed after another hospital's leader is that
    # hospital's too.
    previous = _LISTED_AFTER.search(text, max(0, start - 12), start)
    if hospital == subject and previous and depth < 4:
        return _owner(
            text, previous.start(), previous.end("title"), subject, other_names, subject_forms, depth + 1
        )
    return hospital


# A university's numbered hospital said short right before a post: 湖医附一医院, 浙大二院, 哈医大一院.
_ABBREVIATED_RUN = re.compile(r"([\u4e00-\u9fff])[\u4e00-\u9fff]{0,3}?附?([一二三四五六七八九])医?院")
_NUMBERED_FULL = re.compile(
    r"(?:大学|学院).*?第([一二三四五六七八九])(?:附属)?医院$|(?:大学|学院).*?附属第([一二三四五六七八九])医院$"
)


def _abbreviated_other(text, start, subject, other_names, subject_forms):
    """The mentioned hospital (a university's numbered one) that the short form right before the
    post at `start` stands for ("湖医附一医院常务副院长" for 某某医药学院第一附属医院), or ""; "" too
    when it could as well be the subject's."""
    prefix = re.match(r"医院|院(?!长)", text[start : start + 2])
    at = start + (prefix.end() if prefix else 0)
    run = re.split(r"[^\u4e00-\u9fff]", text[max(0, at - 10) : at])[-1]
    # The short form is the end of the run, however much of the clause comes before it.
    shorts = [m for k in range(len(run) - 3, -1, -1) if (m := _ABBREVIATED_RUN.fullmatch(run, k))]

    def stands_for(full):
        numbered = _NUMBERED_FULL.search(full)
        ordinal = numbered and (numbered.group(1) or numbered.group(2))
        return bool(ordinal) and any(full[0] == m.group(1) and ordinal == m.group(2) for m in shorts)

    if not shorts or any(stands_for(f) for f in (subject, *subject_forms) if f):
        return ""
    found = {o for o in other_names if stands_for(o)}
    return found.pop() if len(found) == 1 else ""


_NOUNISH = ("n", "nr", "ns", "nt", "nz", "j", "m")


def _unnamed_other(text, start, subject_forms):
    """A hospital named right before the post that the name resolver did not take for one
    ("华山医院副院长刘强来院指导"): its name, when it is a full name and none of the subject's."""
    if not subject_forms:
        return ""  # nothing known of the subject's names (a caption read alone): no guess
    prefix = re.match(r"医院|院(?!长)", text[start : start + 2])
    at = start + (prefix.end() if prefix else 0)
    run = re.split(r"[^\u4e00-\u9fff]", text[max(0, at - 16) : at])[-1]
    run = re.sub(r"(?:行政|业务)$", "", run)  # "某某医院行政副院长": a kind of post, not the name
    if not run.endswith(("医院", "分院")) or re.search(r"任(?:医院|分院)$", run):
        return ""  # "李明任医院党委书记": the subject's post, given by appointment
    # The name is the nouns at the end of the run ("专家/来到/华山/医院": 华山医院).
    words = tag(run)
    while words and not all(f.startswith(_NOUNISH) for _w, f in words):
        words = words[1:]
    name = "".join(w for w, _f in words)
    if len(name) < 4 or is_short_form(name) or any(name in f or f in name for f in subject_forms):
        return ""
    return name


# "记者：…" / "朱院长：…": the one answering, named by surname and post, opens the line.
_SPEAKER_LABEL = re.compile(r"(?:^|[\n。！？”])[ \t　]*[\u4e00-\u9fff]$")


def _more_names(text, pos, authors):
    """Names listed after the one ending at `pos` ("、李四和王五", " 张　萍 何建新出席")."""
    while True:
        more = _MORE_NAMES.match(text, pos)
        if not more:
            return
        if more.group("lost"):
            pos = more.end()
            continue
        chunk = more.group("name")
        if re.search(r"\s", chunk):
            other = re.sub(r"\s+", "", chunk)
            other = other if _is_name(other) else ""
            pos = more.end("name")
        else:
            other = _split_name(text, more.start("name"), chunk)
            pos = more.start("name") + len(other)
        if not other or other in authors or _verb_not_name(other):
            return  # "副院长陈某、杨某及施工、监理单位代表": the list of names ended before 施工
        yield other


# The character a post lost on a page in a wrong encoding (marked 〓 by the cleaner): "副院〓〓王明",
# "院〓：李强", "党委书〓黄海", "党〓书记". What is left of the post tells which character it was.
_LOST_IN_POST = (
    (
        re.compile(
            r"(?:(?<=副院)|(?<=执行院))〓+"
            # After 医院 the lost characters may be any word (医院〓〓 = 医院专家): not guessed.
            r"|(?:(?<=[^\u4e00-\u9fff]院)|(?<=^院))〓+"
            r"(?=[：:\s\u4e00-\u9fff])"
        ),
        "长",
    ),
    (re.compile(r"(?:(?<=[党纪]委书)|(?<=党委副书))〓+"), "记"),
    (re.compile(r"(?<=党)〓+(?=(?:副)?书记)"), "委"),
    # A forum that masks a word with an asterisk ("*委书记", "*委副书记"): the party's.
    (re.compile(r"\*(?=委(?:副)?书记)"), "党"),
)


def _restore_lost_posts(text):
    """`text` with the lost character of a post put back and the rest of its mark made a space, so
    every offset stays where it was."""
    if "〓" not in text and "*" not in text:
        return text
    for pattern, char in _LOST_IN_POST:
        text = pattern.sub(lambda m, c=char: c + " " * (len(m.group()) - 1), text)
    return text


_OTHER_DOTS = re.compile(r"(?<=[\u4e00-\u9fff])[•・．‧∙⋅](?=[\u4e00-\u9fff])")
_WRAP = re.compile(r"(?<=[\u4e00-\u9fff])\n(?=[\u4e00-\u9fff])")
_ENDS_IN_POST = re.compile(rf"[\u4e00-\u9fff](?:{_TITLE})[\u4e00-\u9fff]{{0,2}}$")


def _join_wrapped(text):
    """`text` with the line breaks of print layout inside a post or right after one removed
    ("党委副书\n记、院长", "医院党委书记\n王海燕讲话", "副院长张\n伟"), and for every character of
    the result its offset in `text` (None when nothing was removed). A line that is a post alone or
    a row of a table stays a line."""
    cuts = []
    for m in _WRAP.finditer(text):
        i = m.start()
        line_start = text.rfind("\n", 0, i) + 1
        line = text[line_start:i]
        joined = text[max(line_start, i - 6) : i] + text[i + 1 : i + 7]
        k = i - max(line_start, i - 6)
        spans_post = any(t.start() < k < t.end() for t in re.finditer(_TITLE, joined))
        # A line of prose ending in a post goes on with the name; a row of a table (spaces, a
        # colon or a pipe in it) ends there, and so does a post alone on its line over a name
        # alone on the next (a flattened table).
        end = text.find("\n", i + 1)
        next_line = text[i + 1 : end if end != -1 else len(text)]
        table = _POSTS_CELL.fullmatch(line) and _LABEL_NAME.fullmatch(next_line.strip())
        prose = not re.search(r"[\s：:|｜]", line) and not table
        if spans_post or _ENDS_IN_POST.search(line) and prose:
            cuts.append(i)
    if not cuts:
        return text, None
    removed = set(cuts)
    keep = [j for j in range(len(text)) if j not in removed]
    return "".join(text[j] for j in keep), keep + [len(text)]


def extract_people(text, sentences, subject, other_names, authors=(), subject_forms=()):
    """PersonFacts found in `text` (normalised body). Titles prefixed by another hospital's name
    go to that hospital; everyone else to the subject.

    `subject_forms` are the subject's own names: a mentioned hospital's name that only occurs as
    part of one of them (宝安区中医院 in 深圳市宝安区中医院) does not claim the person."""
    # Transliterated names are written with any dot a keyboard gives (阿不都•热合曼, 阿不都・热合曼):
    # read with one, kept as written.
    written = text
    text = _OTHER_DOTS.sub("·", text).replace("\u3000", " ")  # an ideographic space lays out like one
    text, offsets = _join_wrapped(_restore_lost_posts(text))
    people = {}
    authors = set(authors)
    elsewhere = set()
    for m in GUEST_RE.finditer(text):
        if _GOVERNMENT_POST.fullmatch(m.group("post")) or held_elsewhere(text, m.start()):
            name = _split_name(text, m.start("name"), m.group("name"))
            if name:
                elsewhere.add(name)
    starts = [s.start for s in sentences]

    def titles_of(m, squeeze=False):
        titles = [
            _clean_title(re.sub(r"\s+", "", t) if squeeze else t.strip())
            for t in _TITLE_SPLIT.split(m.group("titles"))
        ]
        # Whatever a split leaves that names no post (a name caught between two) is dropped.
        return [t for t in titles if t.endswith(_POST_ENDS)]

    def span_of(m):
        start, end = (m.start(), m.end()) if offsets is None else (offsets[m.start()], offsets[m.end()])
        first = _sentence_at(sentences, starts, start)
        # A match over a line break of print layout spans the sentences on both sides of it.
        last = _sentence_at(sentences, starts, max(start, end - 1)) or first
        return (first.start, max(first.end, last.end)) if first else (start, end)

    def add(hospital, name, titles, span, merge=False):
        """Store a person found; one found before keeps its entry (and gains these titles with
        `merge`). True when the person is new."""
        found = people.get((hospital, name))
        if found is not None:
            if merge:
                for t in titles:
                    if t not in found.titles:
                        found.titles.append(t)
            return False
        people[(hospital, name)] = PersonFact(
            name=name, titles=list(titles), hospital=hospital, evidence="", span=span
        )
        return True

    for m in PERSON_RE.finditer(text):
        before = text[max(0, m.start() - 4) : m.start()]
        if any(w in before for w in MEDIA_WORDS):
            continue
        if _SPEAKER_LABEL.search(text, 0, m.start()) and re.match(r"[ \t]*[：:]", text[m.end("titles") :]):
            continue  # "朱院长：谢谢。": an interview's speaker, then what was said
        chunk = m.group("name")
        if "〓" in chunk:
            if not _held_elsewhere(text, m.start()):
                hospital = _owner(text, m.start(), m.start("name"), subject, other_names, subject_forms)
                for other in _more_names(text, m.start("name") + len(chunk), authors):
                    add(hospital, other, titles_of(m), span_of(m))
            continue
        if re.search(r"\s", chunk):  # "党委书记张　伟、", "院长李　明出席": a padded name
            padded = re.sub(r"\s+", "", chunk)
            after = text[m.start("name") + len(chunk) : m.start("name") + len(chunk) + 4]
            name = padded if _is_name(padded) and _AFTER.match(after) else ""
            name_end = m.start("name") + len(chunk)
        else:
            name = _split_name(text, m.start("name"), chunk)
            name_end = m.start("name") + len(name)
        # "院长由韦志担任": 由 is the preposition, not a surname.
        if name[:1] == "由" and _is_name(name[1:]) and re.match(r"担任|出任|兼任|接任", text[name_end:]):
            name = name[1:]
        if name and _held_elsewhere(text, m.start()):
            elsewhere.add(name)  # a guest's post ("市委副书记李四"): "李四书记" later is his too
            continue
        if not name or name in authors and not m.group("titles"):
            continue
        titles = titles_of(m)
        # "财务分管院长吴某", "主管院长李某": a president in charge of a field is a vice-president.
        if titles == ["院长"] and re.search(r"(?:分管|主管|协管)$", text[max(0, m.start() - 2) : m.start()]):
            titles = ["副院长"]
        hospital = _owner(text, m.start(), m.start("name"), subject, other_names, subject_forms)
        span = span_of(m)
        if not add(hospital, name, titles, span, merge=True):
            continue
        # "副院长张三、李四和王五": the names after the first share its titles.
        for other in _more_names(text, name_end, authors):
            add(hospital, other, titles, span)
    for m in BARE_SECRETARY_RE.finditer(text):
        name = _split_name(text, m.start("name"), m.group("name"))
        if name and name not in authors and not _held_elsewhere(text, m.start()):
            hospital = _owner(text, m.start(), m.start("name"), subject, other_names, subject_forms)
            add(hospital, name, ["党委书记"], span_of(m), merge=True)
    known = {name for _h, name in people}
    for m in LABEL_RE.finditer(text):
        titles, span = titles_of(m, squeeze=True), span_of(m)
        for found in _LABEL_NAME.finditer(m.group("names")):
            name = re.sub(r"\s+", "", found.group())
            # "书记、院长：李建国": the label may hold a post the prose reading missed.
            if _is_name(name) and name not in authors and add(subject, name, titles, span, merge=True):
                known.add(name)
        # "副院长 杨春梅 高振宇说": the last name of a list may run into the verb after it.
        for name in _more_names(text, m.end("names"), authors):
            if add(subject, name, titles, span):
                known.add(name)
    for m in TITLE_IS_RE.finditer(text):
        name = m.group("name")
        if not _is_name(name) or name in authors or _held_elsewhere(text, m.start()):
            continue
        hospital = _owner(text, m.start(), m.start("name"), subject, other_names, subject_forms)
        if add(hospital, name, titles_of(m), span_of(m)):
            known.add(name)
    for m in ROW_RE.finditer(text):
        name = re.sub(r"\s+", "", m.group("name"))
        if (
            (_is_name(name) or len(name) > 3 and text.startswith("   ", m.end("name")))
            and name not in authors
            and add(subject, name, titles_of(m, squeeze=True), span_of(m))
        ):
            known.add(name)
    for m in chain(APPOINT_RE.finditer(text), NAMED_AS_RE.finditer(text)):
        name = m.group("name")
        if not _is_name(name) or name in authors or name.startswith(_NOT_NAME_START):
            continue
        # "关键是院长要带头": before a copula, only what jieba reads as a personal name is one.
        if m.groupdict().get("verb") in ("是", "系", "现为") and not tag(name)[0][1].startswith(("nr", "ns")):
            continue
        hospital = _owner(text, m.start("titles"), m.start("titles"), subject, other_names, subject_forms)
        if add(hospital, name, titles_of(m), span_of(m), merge=True):
            known.add(name)
    for m in AS_RE.finditer(text):
        name = _split_name(text, m.start("name"), m.group("name"))
        if name and name not in authors and not _held_elsewhere(text, m.start("titles")):
            if add(subject, name, titles_of(m), span_of(m), merge=True):
                known.add(name)
    for m in COUNTED_RE.finditer(text):
        counted = re.split(r"[、和及与]", m.group("names"))
        # "聘任蒙涛、甘丽…": the verb before the first name is no part of it.
        first = counted[0]
        cut = next((k for k in (2, 3) if len(first) > k and first[:-k].endswith(("任", "命", "聘"))), 0)
        if cut and _is_name(first[-cut:]):
            counted[0] = first[-cut:]
        if not all(_is_name(n) and n not in authors for n in counted) or _held_elsewhere(
            text, m.start("titles")
        ):
            continue
        hospital = _owner(text, m.start("titles"), m.start("titles"), subject, other_names, subject_forms)
        for name in counted:
            if add(hospital, name, titles_of(m), span_of(m), merge=True):
                known.add(name)
    for m in chain(BIO_RE.finditer(text), APPOSITION_RE.finditer(text), FORM_RE.finditer(text)):
        name = re.sub(r"\s+", "", m.group("name"))
        if _is_name(name) and name not in known:
            known.add(name)
            add(subject, name, titles_of(m, squeeze=True), span_of(m))
    for line, name, titles in _columns(text):
        if _is_name(name) and name not in authors and add(subject, name, titles, span_of(line)):
            known.add(name)
    for m in BRACKET_RE.finditer(text):
        chunk = m.group("name")
        name = next((chunk[-n:] for n in (3, 2) if len(chunk) >= n and _is_name(chunk[-n:])), "")
        if name and name not in authors:
            # "党委书记王淑英（兼副院长）": a post in brackets after a leader found is one more of hers.
            known.add(name)
            add(subject, name, titles_of(m), span_of(m), merge=True)
    for m in NAME_FIRST_RE.finditer(text):
        name = m.group("name")
        # "由李明院长主持": a preposition before a two-character name is no surname.
        if len(name) == 3 and name[0] in "在由向对同请" and name[1] in SURNAMES:
            name = name[1:]
        if (
            not _is_name(name)
            or name in known
            or name in authors
            or name in elsewhere
            or name.startswith(_NOT_NAME_START)
            or any(text.startswith(t, m.start()) for t in TITLES)  # 党委书记: 党 is a surname too
            or _verb_not_name(name)
        ):
            continue
        if any(w in text[max(0, m.start() - 4) : m.start()] for w in MEDIA_WORDS):
            continue
        # "宣布医院党委书记…": a hospital between a name and its post only follows a verb of
        # appointment ("李明任医院院长"); without one the "name" is a word of the clause.
        if re.search(r"(?:医院|该院|本院)$", text[m.end("name") : m.start("title")]) and not re.search(
            r"任", text[m.end("name") : m.start("title")]
        ):
            continue
        known.add(name)
        title = m.group("title")
        add(subject, name, ["党委书记" if title == "书记" else _clean_title(title)], span_of(m))
    found = _merge_cut_names(people)
    for person in found:
        if "·" in person.name:
            dotted = re.search(r"[·•・．‧∙⋅]".join(map(re.escape, person.name.split("·"))), written)
            person.name = dotted.group() if dotted else person.name
    return found


def _merge_cut_names(people):
    """ "纪委书记蒋光全致闭幕词" read once as 蒋光全 and once, cut short, as 蒋光: a two-character name
    that opens a three-character one of the same hospital is that person."""
    for (hospital, name), person in list(people.items()):
        if len(name) != 2:
            continue
        longer = [p for (h, n), p in people.items() if h == hospital and len(n) == 3 and n.startswith(name)]
        if len(longer) == 1:
            for t in person.titles:
                if t not in longer[0].titles:
                    longer[0].titles.append(t)
            del people[(hospital, name)]
    return list(people.values())
