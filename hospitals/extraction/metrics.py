"""Metrics: a number with a unit and the noun phrase it counts, from one sentence."""

import re
from decimal import Decimal

from .facts import MetricFact
from .nlp import tag
from .numbers import NUMERAL, is_chinese, parse_number
from .tables import is_row, table_metrics

UNITS = (
    "个百分点",
    "平方米",
    "平米",
    "㎡",
    "m²",
    "m2",
    "公顷",
    "亩",
    "台套",
    "倍",
    "张床位",
    "万人次",
    "万台次",
    "万例",
    "人次",
    "场次",
    "场",
    "批次",
    "台次",
    "例次",
    "万元",
    "亿元",
    "万人",
    "%",
    "％",
    "‰",
    "台件",
    "万公里",
    "公里",
    "份",
    "处",
    "个",
    "项",
    "人",
    "名",
    "篇",
    "台",
    "张",
    "例",
    "家",
    "次",
    "剂",
    "元",
    "节",
    "床",
    "所",
    "支",
    "套",
    "部",
    "件",
    "门",
    "种",
    "辆",
    "间",
    "位",
)
# Durations are hospital metrics only as a change (从8.9天缩短至7.2天) or when the name says it
# measures time (平均住院日, 候诊时间); otherwise 30余天, 连续五天 are narrative. 小时 stays out:
# 24小时 is a duty rota, not a measurement.
TIME_UNITS = ("个小时", "小时", "分钟", "天")
# "连续5年获评…", "连续十二年位居…": a run of years is a fact about the hospital's record.
_RUN_OF_YEARS = re.compile(rf"连续(?P<num>{NUMERAL})(?P<post>余|多)?(?:个)?年(?P<what>[^，,。；;]{{2,24}})")
_TIME_NAME = re.compile(r"(住院日|天数|住院时间|等待时间|候诊时间|等候时间|排队时间|时间|时长|周期)$")
_UNIT_RE = "|".join(map(re.escape, UNITS + TIME_UNITS))
_PRE = r"(?P<pre>近|超过|突破|超|约|逾|不到|不足|达到|达|共|累计)?"
_POST = r"(?P<post>余|多)?"
# An Arabic number may carry its scale before the unit: 3.12万平方米, 1.8万余人次, 3.5亿元.
_SCALE = r"(?P<scale>万|亿)?"
METRIC_RE = re.compile(rf"{_PRE}(?P<num>{NUMERAL}){_SCALE}{_POST}(?P<unit>{_UNIT_RE})(?P<tail>以上)?")
CHANGE_RE = re.compile(
    rf"(?:从|由)(?:(?:(?:19|20)\d\d年)?[^，,。；;0-9]{{0,8}}?的)?(?:平均|原来的?|过去的?)?(?P<from>{NUMERAL})(?P<fscale>万|亿)?(?:余|多)?"
    rf"(?P<funit>%|％|{_UNIT_RE})?[^，,。；0-9]{{0,4}}?"
    rf"(?:(?:提升|提高|上升|增长|增加|升|降低|降|下降|减少|缩短|扩大|扩展|发展|跃升|攀升)(?:至|到|为)了?|增至|降至|升至|减至|缩至|扩至"
    # "从15张到1300张": with a unit on both values, 到 alone joins them.
    r"|(?(funit)(?:到|至)|(?!)))"
    rf"(?:现在的|目前的|如今的|今年的|去年的|(?:19|20)\d\d年(?:底|末)?的?)?(?:平均)?{_PRE}(?P<num>{NUMERAL}){_SCALE}{_POST}"
    # "由上年的51.4万增至57.9万": a volume in 万 on both sides needs no unit after it.
    rf"(?:(?P<unit>{_UNIT_RE})|(?(scale)(?(fscale)(?=[，,。；;）)]|$)|(?!))|(?!)))(?P<tail>以上)?"
)
# Hospital-performance indices have no unit: "CMI值1.12", "病例组合指数（CMI）达1.05", "时间消耗指数
# 由0.96降至0.92", "DRG组数达到612组". Only these words make a bare number a metric, so years, page
# and phone numbers stay out.
_INDEX_WORD = r"(?P<word>指数|系数|CMI值?|RW值?|组数)(?:[（(][A-Za-z]{2,6}值?[）)]|[ \t]?(?:CMI|RW|DRG)(?![A-Za-z]))?值?"
_INDEX_LINK = (
    r"(?:为|是|达到|达|提升至|提升到|提高至|提高到|上升至|升至|增至|增长至|降至|降到|下降至|下降到|"
    r"降低至|降低到|保持在|稳定在|[:：])?"
)
_INDEX_NUM = r"\d+(?:\.\d+)?"
INDEX_RE = re.compile(
    rf"{_INDEX_WORD}(?:(?:由|从)(?:(?:19|20)\d\d年的?)?(?P<from>{_INDEX_NUM})[^，,。；0-9]{{0,4}}?"
    rf"(?:(?:提升|提高|上升|增长|增加|升|下降|降低|降|减少|跃升|攀升)(?:至|到|为)|增至|减至))?{_INDEX_LINK}[ \t]*"
    rf"(?P<num>{_INDEX_NUM})(?P<unit>组)?(?P<tail>以上)?(?![\d.%％])"
)
# A unit or date after the number means it is not the index's value: "指数2023年", "系数3个".
_NOT_INDEX_AFTER = re.compile(rf"^(?:{_UNIT_RE}|[年月日号万亿倍岁])")
# A Chinese numeral ending in 万/亿 before 人次/元 is a count in that scale: 一百二十万人次 is
# 120 万人次, as 152.3万人次 is.
_SCALES = ("万", "亿")
DELTA_VERB = re.compile(r"(提高|提升|增长|增加|上升|下降|降低|减少|缩短|同比增长|同比下降)了?$")
QUALIFIERS = {
    "近": "近",
    "超过": "超",
    "突破": "超",
    "超": "超",
    "约": "约",
    "逾": "超",
    "不到": "近",
    "不足": "近",
    "余": "余",
    "多": "多",
    "以上": "以上",
}
# After these a "个"/"名" counts time or rank, not a thing.
_BAD_AFTER = re.compile(r"^(小时|钟头|月|星期|工作日|周|年|季度|多月|半月|百分点(?!.))")
_BAD_BEFORE = re.compile(r"(第|每|前|后|星期|周|·|\.|-|—|/|：|:|[A-Za-z])$")
_YEAR = re.compile(r"((?:19|20)\d\d)年")
_PERIOD = re.compile(
    r"(近[一二三四五六七八九十\d]+年来?|[一二三四五六七八九十\d]+年来|近年来|去年|今年|上半年|下半年|全年|一年以来|“十[一二三四五]五”期间)"
)
# Numbers stated as a bar to clear, not a measurement: "均高于标准值85%", "不低于95%".
_THRESHOLD_BEFORE = re.compile(
    r"(满分值?|标准值?|基准值?|目标值?|指标值|要求|不低于|不少于|不超过|不高于|不得低于|不得少于|不得超过|"
    r"控制在|低于|高于|至少)(为|是|达到?|的)?$"
)
# A clause about a goal or a plan states no fact yet: "明年还将新增40项…", "力争达到85%".
# "大楼启用后，核定床位由850张增至1100张" tells what the opening brought; only a future verb
# ("启用后，床位将增至…", "可多接诊") makes it a plan. Not yet built (建成后) is a plan.
_PLAN = re.compile(
    r"(还将|即将|将要|将从|将由|将启动|将(?:分批|陆续|逐步|继续|进一步|加快)|将新增|将选派|将派|将引进|将招聘|将达|将建|将实现|将开展|将投入|将投资|将再|将新|将增|将突破|将超过|将扩|将提|将多|将形成|将带动|将用|将帮助|"
    r"(?<![\d”\"》])计划(?!生育|免疫)|(?<!模)拟(?!定|人)|预计|力争|争取(?!到)|有望|目标|届时|规划|建成后|完工后|推进投资|"
    r"可多|可新增|可增加|下一步)"
)
_REQUIREMENT = re.compile(r"(要求|确保|必须|务必|不得)")


def _heading_level(mark):
    if re.match(r"[（(]", mark):
        return 2
    return 3 if re.match(r"\d", mark) else 1


# Numbered headings of a report; under one about the year ahead, figures are targets.
_SECTION_HEAD = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[、．])"
)
# A heading the cleaner kept as a line of its own, its numbering gone ("2026年工作计划").
_HEADING_LINE = re.compile(r"[^，,。；;：:！？!?]{2,24}")
_PLAN_HEAD = re.compile(r"(工作打算|工作计划|工作思路|目标|工作安排|下一步|展望|计划)")
# A plan word anywhere earlier in the sentence makes the rest of it a plan ("下一步，医院拟投资6亿元
# 建设外科大楼，新增床位600张"), unless the clause says it is done (已, 完成, 实现了).
_PLAN_SENTENCE = re.compile(
    r"((?<![\d”\"》])计划(?!生育|免疫)|(?<!模)拟(?!定|人)|预计|力争|规划|届时|建成后|下一步|将于20\d\d年|"
    r"^目标|目标(?:是|为)?(?:到|至)(?:19|20)\d\d年|目标(?:是|为)?[：:]|将以|将继续|将进一步|将加快|将全力|将在|"
    # "正在建设中的总部院区，占地245亩": a campus not yet built.
    r"正在建设|正在建|在建(?:的|中))"
)
_DONE = re.compile(r"(已经|已|完成了|实现了|达到了|建成了|如今|目前|现有)")
# "几十张", "数百名", "上千人", "成百上千": vague amounts, not data.
_VAGUE_BEFORE = re.compile(
    r"((?<![总人次例件户个])数[十百千万]|几[十百千万]|(?<![以线马])上[百千万]|成百上千|成千上万)$"
)
# A clause that only says when: "2024年，", "近五年，", "2021年3月15日，", "近年来，".
_TIME_ONLY = re.compile(
    r"^(截至|截止|自|从|在|于)?(?:(?:19|20)\d\d年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:底|末|初|以来|上半年|下半年|全年)?|"
    r"近[一二三四五六七八九十\d]+年来?|[一二三四五六七八九十\d]+年来|近年来|去年|今年|上半年|下半年|全年|一年以来|"
    r"“十[一二三四五]五”期间)(以来|至今|来)?$"
)
# "编制床位：800张", "門急診人次：89.6萬人次": a Chinese label and a colon introduce a value; phone
# numbers, times and dates after their labels do not.
_LABEL_COLON = re.compile(
    r"(?<!电话|热线|时间|日期|邮编|传真|地址|手机|网址|邮箱)(?<=[\u4e00-\u9fff）)])[：:]$"
)
# A sentence of rules ("不低于60%…控制在30%以内") states bounds, not what was achieved.
_BOUND_RULE = re.compile(r"(不低于|不少于|不超过|不高于|不得|要求|标准)")
_DISTANCE_NAME = re.compile(r"(行程|里程|路程|距离|半径|长度|线路|管网|管道)")
_HELD_RATE = re.compile(
    r"(率|占比|比例|满意度)(?:连续[\d一二三四五六七八九十]+年)?(?:保持在|控制在|稳定在|维持在)$"
)
_PRIOR_YEAR = re.compile(r"[（(](?:19|20)\d\d年(?:为|是|爲|同期)?$")
_CLAUSE_SPLIT = re.compile(r"[，,；;：:…—（(]")
# A round mark passed, followed by the value reached: "首次突破100万，达到103.7万人次".
_MILESTONE = re.compile(r"(?:突破|超过|迈过|跨过|越过)$")
_MILESTONE_THEN = re.compile(r"^[^，,。；;]{0,4}[，,]\s*(?:达到?|为|实际|全年|共计|总计)[^，,。；;]{0,4}\d")
_MILESTONE_NAME = re.compile(
    r"(?P<before>[^，,。；;]+?)(?:突破|超过|迈过|跨过|越过)[\d.]+万?[^，,。；;]{0,4}[，,]\s*$"
)
_SPENT_ON = re.compile(
    # "投资3.5亿元建设的新住院综合楼": also with 的 before what it builds.
    r"^(?:用于|来)?(?:建设|新建|改建|扩建|改造|购置|购买|采购|引进|新购|启动)的?(?P<what>[^，,。；;、的]{2,14}?)"
    r"(?:(?<=[楼房院区心馆])建设)?(?:项目)?(?:$|(?=力争|计划|预计|将于|拟|正在|已于|目前))"
)
# "投资8.6亿元的城南院区建设": what the money builds, after 的.
_INVESTED_IN = re.compile(r"^的(?P<what>[^，,。；;、的]{2,14}?)(?:建设|项目|工程)?(?:$|[，,。；;])")
_BUILT_BEFORE = re.compile(
    r"(?:启动|推进|开工|实施|新建|建设|开建|动工)(?P<what>[^，,；;。]{2,14}?(?:楼|大楼|院区|分院|中心|工程))"
    r"(?:建设|项目)?(?:工作)?$"
)
_DATED_LINK = re.compile(
    r"^(?:(?:19|20)\d\d年(?:度|底|末)?|全年|今年|去年)?(?:达到?|为|是|共计?|超过|突破|约|近)?$"
)
_BA_CHANGE = re.compile(
    rf"(?:将|把)(?:原有的?|原来的?|现有的?)?(?P<from>{NUMERAL})(?P<unit>个|家|张|支|所|间)"
    r"(?P<what>[\u4e00-\u9fff]{2,8}?)(?:调整|整合|合并|扩充|扩大|扩展|增加|压缩|精简|优化)(?:为|到|至|成)"
    rf"(?P<num>{NUMERAL})(?P=unit)"
)
_ONE_OF = re.compile(r"^[^，,。；;]{0,24}之一")
# "其中卫生技术人员1080人，占85.7%": the share of the thing just counted.
_SHARE_OF_PREVIOUS = re.compile(r"^(?:约|共)?占(?:[^，,。；;]{0,12}的)?(?:比例|比重|比)?(?:为|达到?|是)?$")
# "门诊量是十年前的3倍", "增长了2倍": what the multiple compares goes before these words.
_MULTIPLE_LINK = re.compile(r"(?:是|为|达到?|相当于)[^，,。；;]{0,14}?的?$|(?:增长|增加|提高|提升|翻)了?$")
_UNIT_SPELLING = {
    "平米": "平方米",
    "㎡": "平方米",
    "m²": "平方米",
    "m2": "平方米",
    "个小时": "小时",
    "％": "%",
}
# Sentences whose grammatical subject is another hospital ("合作医院现有职工3000人") report its
# numbers, not the subject's.
_OTHER_LEAD = re.compile(
    r"^(?:(?:(?:19|20)\d\d年[^，,]{0,8}|\d{1,2}月\d{1,2}日|据介绍|据了解|据悉|本报讯|目前|现|同时|此外|另外|记者了解到|记者获悉|"
    r"今年以来|近年来|去年以来|其中|[\u4e00-\u9fff]{2,8}方面)[，,\s]?)*"
)
# A clause opening with the area ("全县县域内就诊率为91.2%，基层就诊率达到66.8%") or with a
# member of the network ("…，成员单位某某镇中心卫生院开放床位40张，门诊量增长23%") starts figures
# that are not the subject's, up to a clause that names the subject again.
_CLAUSE_OPENING = re.compile(
    r"^(?:(?:(?:19|20)\d\d(?:[—–-]+(?:19|20)?\d\d)?年(?:\d{1,2}月)?(?:底|末|全年|上半年)?(?:第[一二三四1-4]季度)?|\d{1,2}月\d{1,2}日|今年|去年|目前|同时|此外|"
    r"“?十[一二三四五]五”?期间|"
    r"另外|其中|截至[^，,]{0,10}|今年以来|近年来|据统计|当前|据介绍|据了解|据悉)[，,\s]?)*"
)
_AREA_OPENING = re.compile(
    r"(?:[\u4e00-\u9fff]{1,5}[县市区旗](?=县域|市域|区域内))?"
    r"(全县|全市|全区|全省|全州|全旗|全国|县域内|市域内|区域内|辖区内)(?!首|唯一|第一|最)"
    # "县财政将每年安排专项经费200万元": the government's money and plans.
    r"|[县市区省旗州](?:财政|政府|卫健委|卫健局|医保局)"
    # "县级以上医疗机构新增设备1500多件": every institution of a level, not the subject.
    r"|(?:全[县市区省]|各)?(?:县级以上|市级以上|各级|基层)医疗(?:卫生)?机构"
)
# Another body or one person opening the clause: "滨州某学院作为医院的举办高校，在校生2万人",
# "他本人累计完成介入手术8000台".
_PROVINCES = (
    "北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|"
    "四川|贵州|云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆"
)
_OTHER_BODY_OPENING = re.compile(
    r"(?![与和同在对向跟为据由从经])[\u4e00-\u9fff]{2,10}(?:大学|学院)(?!附属|第[一二三四五六七八九十]|(?:(?!作为|是|为|与|和|的|在|向|对)[\u4e00-\u9fff]){0,6}医院|[\u4e00-\u9fff]{1,4}(?:附属|分院))|(?:他|她|其)(?:本人|个人)|[他她](?:先后|累计|从医|一共|共|已)"
    # One patient's story: "该患者住院期间共花费医疗费用3.2万元".
    r"|该(?:患者|患儿|产妇|老人|伤员)|[\u4e00-\u9fff](?:某|大爷|大妈|阿姨|奶奶|爷爷|女士|先生)(?![\u4e00-\u9fff]{0,2}[数量])"
    # A programme or an award round and the experts it sends: "第一轮项目共有58名专家…", "专家共开展
    # 门诊6656人次", "第七届评选活动自2022年启动以来，共收到…".
    # A building of the hospital's own ("滨海院区二期工程已于今年初动工") is no such programme.
    r"|(?![^，,。；;]{0,12}?(?:院区|楼|期)(?:工程|项目))"
    r"[^，,。；;]{0,12}?(?:项目|工程|行动|评选|公益活动|大赛)(?:(?:19|20)\d\d年)?(?:自|于|已|今已|共有|共|累计|先后|启动|发起)"
    r"|[^，,。；;]{0,12}?活动(?:(?:19|20)\d\d年)?(?:启动|发起)"
    r"|(?:帮扶|支援|援[疆藏]|驻院|下沉|老)?专家(?:们|团队|组)?(?:共|累计|先后|一共)"
    # A city or a province sending its teams: "西安市派出近80名医务人员组成的援藏团队".
    r"|[\u4e00-\u9fff]{1,6}[省市](?:先后|累计|共)?(?:派出|选派|组派|组建|下派)"
    # "天津在医疗援疆方面累计派驻专家45人", "中国援外医疗队5年累计派出近3600名队员".
    rf"|(?:{_PROVINCES}|中国|我国)(?:省|市|自治区)?(?:(?!院)[^，,。；;]){{0,12}}?(?:先后|累计|共)(?:派出|选派|派驻|下派|组派)"
)
# "过去每年约有4万名患儿赴外地就医": how things were before, not a figure of now.
_PAST_STATE = re.compile(
    r"(?:过去|以往|以前|刚来时|刚到时|当时|那时候?|彼时|起初|最初|[\d一二三四五六七八九十百几多]+年前)"
    r"(?!一年|的一年|[\d一二三四五六七八九十两几]+[年个])"
)
_NOW_CLAUSE = re.compile(
    r"(?:如今|现在|目前|现有|今天|今年|去年|近年|(?:19|20)\d\d年|[\d一二三四五六七八九十]+年(?:间|来))"
)
_TOWN_MEMBER = re.compile(
    r"(?:医共体|集团|联盟)?(?:成员单位|成员医院|下属单位|托管医院|合作单位|协作单位|帮扶单位)?(?:之一)?的?"
    r"(?:一家|一所)?[\u4e00-\u9fff]{0,6}(?<![乡各])(?:镇|乡(?!镇)|街道)(?:中心)?卫生院"
    r"|(?:成员单位|成员医院)(?!包括|包含|涵盖|有|由|共|为|是)[\u4e00-\u9fff]{2,14}(?:医院|服务中心|分院)"
)
_OURS_OPENING = re.compile(r"(医院|我院|本院|该院|全院)")
# "受援的甘谷县人民医院今年门诊量增长30%", "医院托管的县第二人民医院开放床位180张", "各乡镇卫生院…":
# the hospitals the subject helps or runs, told in their own clause.
_HELPED_PREFIX = re.compile(r"^(?:医院|我院|本院)?所?(?:受援|托管|帮扶|对口支援|援建|结对|合作)的")
_HELPED = re.compile(
    r"(?:(?:医院|我院|本院)?所?(?:受援|托管|帮扶|对口支援|援建|结对)的[\u4e00-\u9fff]{2,14}(?:医院|卫生院|分院)"
    r"|(?:医共体内)?各(?:乡镇)?(?:卫生院|成员单位|成员医院))"
)
# "县中医院开放床位320张": another hospital of the county, told by its short name.
_COUNTY_PEER = re.compile(
    r"[县市区旗](?:中医院|中医医院|妇幼保健院|人民医院|第[一二三四五]人民医院|中心医院|精神病医院|疾控中心|"
    r"疾病预防控制中心|中西医结合医院)"
)
# "成员单位某某镇卫生院现有床位60张": a member of the subject's network described in its own
# sentence; its figures are its own.
_MEMBER_LEAD = re.compile(
    r"(?:医共体|集团|联盟)?(?:成员单位|成员医院|下属单位|托管医院)(?:之一)?的?[\u4e00-\u9fff]{2,14}"
    r"(?:卫生院|医院|服务中心|分院)"
)
# Anniversary texts tell the founding days: "建院之初，医院仅有职工23人" is history, not a value.
_FOUNDING = re.compile(
    r"(建院之初|建院初期|建院时|成立之初|创建之初|创院之初|开院之初|建院伊始|始建时|成立时|创建初期|创院初期|"
    r"成立初期|创办之初|创办初期|初创时期)"
)
# "…从建院时的3个科室发展到如今的42个科室": the founding days end where the present begins.
_FROM_FOUNDING = re.compile(r"(?:由|从)(?:建院|成立|创建|创院|开院|始建)")
_NOW_AGAIN = re.compile(r"(如今|现在|目前|现有|今天|发展到|发展成为|增加到|增至)")


# "从一个只有3间木房的卫生院成长为…", "从一个编制250张床位的医院发展成为…": the small beginning.
_SMALL_BEGINNING = re.compile(
    r"(?:从|由)(?:当初|当年|昔日|原来)?的?(?:一个|一所|一家|壹个|只有|仅有)[^。；;]{0,40}?"
    r"(?:发展|成长|壮大|跃升|建设)(?:成为|成|为|到)"
)
# "药占比28.6%，较上年下降1.9个百分点", "较上年净增54人": a difference from the value just given.
# A growth rate (同比增长8.3%), days saved (平均住院日缩短0.4天) and money gained (收入增加0.9亿元)
# are metrics of their own; so many points or people more than last year are not.
_THAT_HOSPITAL = re.compile(r"(?:(?:根据|按照|依据)(?:合作)?(?:协议|约定)[，,]?)?该院")
_ADDED_BEFORE = re.compile(r"(?:新增|新建|新开|新获批?|新引进|新设|增设|增加)了?$")
_DELTA_AGAINST = re.compile(
    r"(?:(?:较|(?<![占对之正反环])比)(?:上年|去年|上一年|前一年|同期|上年同期|去年同期|年初|上月)(?:同期)?)"
    r"(?:净增|净减|缩短|下降|降低|减少|增加|增长|提高|提升|上升|多|少)了?$"
    r"|(?<![\u4e00-\u9fff])净(?:增|减)了?$"
)
_THING_UNITS = {"张", "台", "床", "台套", "台件", "间", "辆", "套", "件", "份"}
_PEOPLE_NOUN = re.compile(r"(员工|职工|人员|医生|医师|护士|专家|人才)$")
# "打了1个直径约4公分的操作孔": one thing of a case told by its size, not a count.
_SIZED_THING = re.compile(
    r"^[^，,。；;\d]{0,6}?\d+(?:\.\d+)?(?:公分|厘米|cm|毫米|mm|公斤|千克)[^，,。；;]{0,4}?的"
)


def _in_founding_days(text, pos):
    founding = list(_FOUNDING.finditer(text, 0, pos))
    return bool(founding) and not _NOW_AGAIN.search(text, founding[-1].end(), pos)


# A sentence opening with a year long past ("1978年，…", "2012年新楼启用时，…") tells history,
# unless it runs to the present (以来, 至今).
_PAST_OPENING = re.compile(
    r"^(?:在|于)?((?:19|20)\d\d)年(?![^，,]{0,16}(?:以来|至今|起|来))[^，,]{0,16}[，,]"
)
_PAST_YEARS = 5
# "到2026年，床位增至1500张": a year after the article's latest stated year is a target.
# "下降到2023年的27.1%" dates a value; it sets no target.
# "2018年至2022年" is a span of years gone, not a target.
# "到2026年", "到二〇二七年"; not "截至2024年6月", which says how things stand.
_BY_YEAR = re.compile(
    r"(?<![年截止])(?:到|至|于)((?:19|20)\d\d|[一二][〇零九][〇零一二三四五六七八九]{2})年(?!(?:底|末)?的)"
)
_YEAR_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
# "排名上升12位": a ranking's movement, not a count of people.
_RANK_MOVE = re.compile(r"(排名|排序|位次|名次|上升|下降|前进|后退|提升|跃升|前移)")
_CONTESTANTS = re.compile(r"^[^，,。；;]{0,12}(参赛|参演|参展|观赛|观摩|同台比拼|同台竞技|比拼|角逐)")
# "门诊人次和出院人次分别为52.3万和2.1万", "…分别增长12.5%、9.8%": measures listed, then their
# values in the same order.
_RESPECTIVE_VALUE = rf"{_PRE}(?P<num>{NUMERAL})(?P<scale>万|亿)?(?P<post>余|多)?(?P<unit>{_UNIT_RE})?"
_RESPECTIVE = re.compile(
    r"分别(?:(?:较|比)[^，,。；;]{0,8}?(?:上年|去年|(?:19|20)\d\d年)(?:同期)?|同比|环比)?"
    r"(?P<verb>为|是|达到|达|增长了?|增加了?|提高了?|提升了?|上升了?|下降了?|降低了?|减少了?|缩短了?)"
)
_RESPECTIVE_ONE = re.compile(_RESPECTIVE_VALUE)
# "比去年增长", and "出院人次去年增长12.9%" with the 比 left out.
_COMPARED_WITH = re.compile(r"(?:较|比|与)?(?:上年|去年|前年|上一年|(?:19|20)\d\d年)(?:同期)?(?:相比)?$")
_GROWTH_VERB = re.compile(r"(增长|增加|提高|提升|上升|下降|降低|减少|缩短)")
_INDEX_NAME = re.compile(r"(指数|系数|CMI|RW|值)$")
# "较2019年的6000台次翻了一番", "比去年同期的8.6天缩短了": the value the one before is compared with.
_EARLIER_VALUE = re.compile(r"(?:较|比|相比)(?:(?:(?:19|20)\d\d年|去年|上年)(?:同期)?的?|的)$")
# "翻了一番" doubles, "翻两番" quadruples.
# "门急诊量为45.2万人次，去年同期为40.1万人次": the earlier value, stated in a clause of its own.
_EARLIER_STATED = re.compile(r"^(?:去年同期|上年同期|去年|上年|(?:19|20)\d\d年(?:同期)?)(?:为|是|达到?)$")
_DOUBLED = re.compile(r"翻了?(?P<n>一|两|二|三|1|2|3)番|翻番")
_DOUBLINGS = {"一": 1, "1": 1, "两": 2, "二": 2, "2": 2, "三": 3, "3": 3}
# "门急诊人次为92.6万": a volume given in 万 with no unit after it.
# "全年完成门急诊诊疗人次61.2万": also right after a name that ends in a count word.
_BARE_WAN = re.compile(
    r"(?:为|达到?|是|共|计|突破|超过|(?<=人次)|(?<=[量数])|(?<=[次量数][：:]))(?P<num>\d+(?:\.\d+)?)万(?=[，,。；;）)]|$)"
)
_VOLUME_NAME = re.compile(r"(人次|量|诊疗|门诊|急诊|出院|住院|手术|服务)")
_POPULATION = re.compile(r"(人口|群众|居民|百姓)数?$")
_PEOPLE_UNITS = {"人", "人次", "万人", "万人次", "名", "位"}
# Verbs that make a poor name on their own: "覆盖2500余人" is a count of people reached.
_COUNT_VERBS = {
    "覆盖",
    "惠及",
    "参会",
    "参加",
    "参与",
    "服务",
    "接诊",
    "救治",
    "受益",
    "培训",
    "参训",
    "接待",
}
_LEAD_WORDS = re.compile(
    r"^(其中|计划(?!生育|免疫)|实现|目前|现有|已有|共有|拥有|内|设|预计|力争|发展成为|发展为|发展到|成为|设有|建有|开放|已|共|累计|全院|医院|该院|我院|先后|新增|年均|平均|每年|"
    r"全年|开展|完成|建成|设置|荣获|全省|全市|全国||组建|发表|获得|获批|引进|招聘|培养|选派|派出|下派|接待|收治|实施|举办|承办|成立|"
    r"新晋|获评|投入|投资|节省|节约|为|有|达|与|和|及|的|了|超|约|近|中|省内外|以上)+"
)
_TRAIL_WORDS = re.compile(
    r"((?:提高|提升|上升|下降|降低|缩短|增加|增长|减少|扩充|扩大|扩展|压缩|调整|降|升|增|减|缩)(?:至|到)|了|已经|设立|开设|扩至|扩大到|扩大至|扩展到|保持在|控制在|稳定在|维持在|将要|将会|将|有望|可|预计|达到|总数达|总量达|已达|达|为|是|共|共计|累计|约|超过|有|降至|升至|增至|提高到|提升至|完成|占|分别为|由|从|的|突破|逾|平均|仅有|仅为|仅|只有|已|也|还|都|首次|首度|再次|再度|一举|力争|争取|预计|计划|连续[\d一二三四五六七八九十]+年|(?<=[\u4e00-\u9fff]{2})(?:去年|今年|上年|当年|全年|上半年|下半年|年内|(?:19|20)\d\d年)|(?<=[称历位格])者|(?<=[称历位格士])的?人员)+$"
)
_NOUNISH = {"n", "nz", "nt", "nr", "ns", "j", "vn", "eng", "b", "l", "an", "nrt", "ng", "x", "zg"}
_VERB_START = {"参加", "参与", "参会", "跨", "接受", "覆盖", "惠及"}
_LEVEL_PREFIX = re.compile(r"^(国家级|省级|市级|县级|国家|省|市|县)$")
# "四级手术", "三级公立医院", "二级医院": a grade before the noun belongs to the name.
_GRADE = re.compile(r"[一二三四五六七八九十]级|[一二三]甲|[一二三]级[甲乙]等")
# "28个党支部全部建在…": adverbs after the noun say how many, not what.
_TRAILING_ADVERB = re.compile(r"(全部|均已|均|都已|都|已经|已|共|全|分别|也|各|还)$")
_SELF = {"医院", "该院", "我院", "本院", "全院"}  # the hospital is whose number it is, not what
_NOT_NOUNS = {"人", "名", "个", "项", "次", "余", "多", "等", "其他", "相关", "各类", "以上", "人员"}


def _noun_after(text):
    """The noun phrase right after a unit: "卓越专科、…" -> 卓越专科; "" when none."""
    tokens = tag(text[:24])
    words = []
    for i, (w, flag) in enumerate(tokens):
        if i == 0 and flag.startswith("v") and flag != "vn" and w in _VERB_START:
            words.append(w)
            continue
        if i == 0 and flag == "v" and len(tokens) > 1 and tokens[1][1] in ("n", "nz", "vn"):
            words.append(w)  # "示范病区": a verb used as a modifier
            continue
        if w in '、，,。；;（(“”"' or (flag not in _NOUNISH and not (flag == "a" and i + 1 < len(tokens))):
            break
        if flag == "x" and not re.fullmatch(r"[A-Za-z+]+", w):
            break
        words.append(w)
    nxt = tokens[len(words) : len(words) + 2]
    if (
        words
        and nxt
        and nxt[0][1] in ("v", "vn")
        and len(nxt[0][0]) == 2
        and len(nxt) > 1
        and nxt[1][0] in "、等和及与"
        and tokens[len(words) - 1][1] in _NOUNISH
    ):
        words.append(nxt[0][0])  # "开展15次政策宣讲、…": the reading is what was pushed
    while words and tag(words[-1])[0][1] in ("a", "x") and not re.fullmatch(r"[A-Za-z]+", words[-1]):
        words.pop()
    rest = tokens[len(words) :]
    if len(rest) > 1 and rest[0][1] == "a" and rest[1][0] in ("、", "的", "，"):
        return ""  # "120名业务精湛、…的骨干": the noun is a modifier of something further on
    name = _TRAILING_ADVERB.sub("", "".join(words))
    if len(name) > 10 or name.startswith(("同志", "人员")):
        return ""
    return "" if name in _NOT_NOUNS else name


def _strip_lead(name):
    """`name` without leading filler words; a two-character word that only starts like one (中级,
    共享) stays whole."""
    stripped = _LEAD_WORDS.sub("", name)
    if stripped == name:
        return name
    if len(stripped) < 2 and len(name) == 2 and tag(name)[0][0] == name:
        return name
    # Cut only between words: 中级职称 keeps its 中, 其中高级职称 loses 其中.
    cut, bounds = len(name) - len(stripped), {0}
    for w, _flag in tag(name):
        bounds.add(max(bounds) + len(w))
    return name[max(b for b in bounds if b <= cut) :]


# Beds are counted by their standing: 编制床位, 核定床位, 开放床位 are different numbers.
_BED_STANDING = re.compile(r"(编制|核定|核编|开放|实际开放|展开|实开)(?=床位?$|病床$)")


# Staff counted from a grade up: "副主任以上医师89人", "副高以上职称128人".
_GRADE_AND_ABOVE = re.compile(
    r"(?:副主任|主任|副高|正高|高级|中级|初级|主治|硕士|博士|本科|大专|研究生|副教授|教授)(?:医师|职称)?"
    r"(?:及|或)?以上[\u4e00-\u9fff]{1,6}$"
)
_PRICED_ABOVE = re.compile(r"(?:价值)?在?([百千]万|\d+万)元?以上的?((?:大型|医疗)?(?:设备|仪器))$")
# The measures of a building or a campus told after it: "新门诊大楼共11层，面积10000平方米".
_PART_MEASURE = {"面积", "建筑面积", "占地面积", "总投资", "投资"}
_BUILDING = re.compile(r"(楼|大楼|院区|分院|综合楼|病房楼|工程|项目)$")


def _noun_before(text):
    """The noun phrase right before a number: "出版护理专著" -> 护理专著."""
    text = re.sub(r"[“”\"‘’《》]", "", text)
    text = re.sub(r"[（(][^（()）]{1,12}[)）]", "", text)  # "重点专科（学科）22个": the aside is not the name
    text = _TRAIL_WORDS.sub("", text)
    graded = _GRADE_AND_ABOVE.search(text)
    if graded:
        return graded.group()  # "副高以上职称", "硕士及以上学历人员": the bar is part of the name
    priced = _PRICED_ABOVE.search(text)
    if priced:
        return f"{priced.group(1)}元以上{priced.group(2)}"  # "价值在百万以上的设备": only those
    tokens = tag(text[-24:])
    words = []
    # "预约诊疗率": a rate or share word makes the verbs before it part of the name.
    measure = bool(tokens) and (
        tokens[-1][0] in ("率", "比", "比例", "量", "度", "数", "额")
        or bool(_TIME_NAME.search(tokens[-1][0]))
    )
    for i in range(len(tokens) - 1, -1, -1):
        w, flag = tokens[i]
        if measure and flag in ("v", "vn") and len(words) < 4:
            words.insert(0, w)
        elif flag in _NOUNISH and w not in "、，,。；;（()）":
            words.insert(0, w)
        elif flag == "a" and words:
            words.insert(0, w)
        elif words and w in (
            "日间",
            "夜间",
            "午间",
            "晚间",
            "全天",
            "青年",
            "老年",
            "中年",
            "少年",
            "幼年",
        ):
            words.insert(0, w)  # "日间病房床位", "青年职工": jieba's time words that qualify a noun
        elif words and _GRADE.fullmatch(w):
            words.insert(0, w)  # "四级手术占比", "二级医院": the grade is part of the name
        elif flag.startswith("v") and words and i > 0 and tokens[i - 1][1] in _NOUNISH:
            words.insert(0, w)  # "科研启动基金": a verb between nouns belongs to the phrase
        elif flag == "v" and words and i > 0 and tokens[i - 1][1] == "v" and len(words) == 1:
            # "接收下转患者": after the clause's verb, a second verb modifies the noun.
            words.insert(0, w)
            break
        else:
            break
    if words and all(tag(w)[0][1] in ("nr", "nrfg", "nrt") for w in words):
        return ""  # "刘和平、王美英3名同志": people's names, not a thing counted
    name = _strip_lead("".join(words))
    if not name and tokens and tokens[-1][1].startswith("v") and len(tokens[-1][0]) >= 2:
        # "…上级医院进修26人次": name the count by its verb and object.
        k = len(tokens) - 1
        obj = ""
        while k > 0 and tokens[k - 1][1] in _NOUNISH and len(obj) < 6:
            obj = tokens[k - 1][0] + obj
            k -= 1
        name = obj + tokens[-1][0]
    name = _strip_lead(name)
    # "县人民医院发热门诊" -> 发热门诊: the hospital is the owner, not part of the metric.
    name = _strip_lead(re.sub(r"^.*?(医院|卫生院)(?=..)", "", name))
    if name == "人员" or (not name and tokens and tokens[-1][0] == "人员"):
        # "招聘各类人员136名": people are named by what brought them in.
        verbs = [w for w, f in tokens[:-1] if f == "v" and len(w) == 2]
        name = verbs[-1] + "人员" if verbs else ""
    turned = (
        re.search(r"(上转|下转|双向转诊|转诊|转入|转出)$", text[: len(text) - len(name)]) if name else None
    )
    if turned:
        name = turned.group(1) + name  # "下转患者386人次": which way they were sent
    name = re.sub(r"^.+?(?=(?:上转|下转)[\u4e00-\u9fff]+$)", "", name)  # "向成员单位下转患者": not where to
    where = (
        re.search(r"(县外|市外|省外)$", _TRAIL_WORDS.sub("", text)[: -len(name) or None]) if name else None
    )
    if where and not name.startswith(where.group(1)):
        name = where.group(1) + name  # "县外转诊率": where the patients went is part of the measure
    paired = (
        re.search(r"([一二三四五])、?$", text[: len(text) - len(name)])
        if re.match(r"[二三四五]级", name)
        else None
    )
    if paired:
        name = paired.group(1) + name  # "三四级手术占比": both grades
    standing = _BED_STANDING.search(text)
    if standing and name in ("床位", "床", "病床"):
        name = standing.group(1) + name
    return "" if name in _NOT_NOUNS or name in _SELF or len(name) < 2 else name


def _when(text, pos):
    """Year and period of the number at `pos`: only from its own clause, or from a clause before it
    that says nothing but when ("2024年，…达24个"); "…78项……于2022年跻身" does not date the 78."""
    bounds = [0] + [m.end() for m in _CLAUSE_SPLIT.finditer(text)]
    clauses = [(lo, bounds[i + 1] - 1 if i + 1 < len(bounds) else len(text)) for i, lo in enumerate(bounds)]
    own = next(((lo, hi) for lo, hi in clauses if lo <= pos <= hi), (0, len(text)))
    scopes = [text[own[0] : own[1]]]
    scopes += [
        text[lo:hi].strip() for lo, hi in clauses if hi <= own[0] and _TIME_ONLY.match(text[lo:hi].strip())
    ]
    year, period = None, ""
    for scope in scopes:
        year_m = _YEAR.search(scope)
        period_m = _PERIOD.search(scope)
        if year is None and year_m:
            year = int(year_m.group(1))
        if not period and period_m:
            period = period_m.group(1)
    return year, period


def _count_name(name, unit):
    """ "覆盖" + 人 -> 覆盖人数: a bare verb names the people it counts, not a thing."""
    if unit not in _PEOPLE_UNITS or name.endswith(("人数", "人次")):
        return name
    tokens = tag(name)
    verbish = tokens[0][0] in _COUNT_VERBS or all(f.startswith("v") and f != "vn" for _w, f in tokens)
    if not verbish:
        return name
    return name + ("人次" if unit.endswith("人次") else "人数")


# Counts of places or institutions reached by a network, named by the verb of reach.
_BARE_PLACES = {
    "医院",
    "省份",
    "省",
    "地市",
    "城市",
    "县",
    "县区",
    "区县",
    "乡镇",
    "地区",
    "国家",
    "家医院",
    "医疗机构",
}
_REACH = re.compile(r"(覆盖|辐射|遍及|延伸至|连接|联结|帮扶|托管|对口支援)[^，。；]*$")
_BARE_DELTA = re.compile(
    r"(同比|环比|(?:较|比)(?:上年|去年|前年|上一年|(?:19|20)\d\d年)(?:同期)?|年均|年平均|平均每年)?(提高|提升|增长|增加|上升|下降|降低|减少|缩短|延长)了?"
)
_NAMED_AS = re.compile(
    r"(?:科室|专科|学科)?(?:被|均|已|先后)*(?:评为|确定为|列为|认定为|批准为|入选|成为|为|是)"
    r"(?P<what>[^，,。；;]{0,12}?(?:重点专科|重点学科|特色专科|优势专科|精品专科|示范科室))"
)
_GENERIC_COUNT = {"总数", "总量", "数量", "数", "人数", "总计", "合计"}


def _clause_opens_with(text, lo, word):
    return text[lo:].lstrip().startswith(word)


def _subject_of_previous_clause(sentence, clause_start):
    """For "…志愿服务队伍持续壮大，总数达12支": the noun phrase opening the clause before."""
    prev_end = clause_start - 1
    if prev_end <= 0:
        return ""
    lo = max(sentence.rfind(c, 0, prev_end) for c in "，,：:") + 1
    words = []
    for w, flag in tag(sentence[lo:prev_end]):
        if flag in _NOUNISH and w not in "、，,":
            words.append(w)
        elif words:
            break
    return _LEAD_WORDS.sub("", "".join(words))


def _clause_bounds(sentence, start, end):
    """The comma-delimited clause around text[start:end] within the sentence text."""
    lo = max(sentence.rfind(c, 0, start) for c in "，,：:")
    hi_candidates = [i for i in (sentence.find(c, end) for c in "，,：:") if i != -1]
    return lo + 1, (min(hi_candidates) if hi_candidates else len(sentence))


def _qualifier(m):
    for key in ("pre", "post", "tail"):
        q = m.groupdict().get(key)
        if q and q in QUALIFIERS:
            return QUALIFIERS[q]
    return ""


def _counted_after_noun(sentence, m):
    """ "医技科室八个，", "手术间四间。": a small count written after the thing counted, closing its
    clause, is data, not rhetoric."""
    if m.group("unit") in ("次", "天") or not re.match(
        r"(?:$|[，,。；;、）)])", sentence[m.end() : m.end() + 1]
    ):
        return False  # "每季度前往某镇一次": how often, not how many
    head = sentence[max(0, m.start() - 8) : m.start()]
    if not re.search(r"[\u4e00-\u9fff]$", head):
        return False
    return tag(head)[-1][1].startswith("n")


def _skip(sentence, m, num, value):
    s, e = m.start("num"), m.end()
    before = sentence[max(0, s - 2) : s]
    after = sentence[e : e + 4]
    if (
        (_BAD_BEFORE.search(sentence[:s]) and not _LABEL_COLON.search(sentence[:s]))
        or re.search(r"[“\"「‘]$", sentence[:s])
        and re.match(r"[”\"」’]", after)
    ):
        return True
    if _BAD_AFTER.match(after) or re.match(r"[·\.\-—/]\d", sentence[e - 1 : e + 1]) and False:
        return True
    if re.match(r"^[·\-—]", sentence[m.end("num") : m.end("num") + 1]):
        return True
    if value is None:
        return True  # "六七十名", "三五个": an approximate range has no one value
    if is_chinese(num):
        # Small Chinese counts ("四个维度", "三项规定") are rhetoric, not data.
        if value < 10 and not m.group("post") and not _counted_after_noun(sentence, m):
            return True
        if sentence[max(0, s - 1) : s] in ("第", "一") or re.match(r"^[大重]", after):
            return True
    if num in ("百", "千", "万") and sentence[max(0, s - 1) : s] in ("近", "上", "数", "几", "成"):
        return True  # "增加了近千台", "上百人": a round guess, not a count
    if num in ("百", "千", "万") and not m.group("post") and not m.group("pre"):
        return True  # "百人专家团", "千名医师下基层": a programme's name, not a count
    if num in ("百", "千", "万") and m.group("unit") == "元":
        return True  # "百元医疗收入…": per hundred yuan, a rate's base, not an amount
    if before.endswith("第") or (is_chinese(num) and ("一一" in num or before.endswith("唯"))):
        return True  # 第100万名 is an ordinal; 唯一一所 is "the only one", not 11
    if m.group("unit") in TIME_UNITS and (
        re.match(r"^[前后内里以]", after)
        or re.search(r"(连续|超过|逾|近|长达|历时|用时|耗时)$", sentence[:s])
    ):
        return True  # 连续五天, 30天内, 历时20天: a span of time in the story
    head = sentence[: m.start()]
    if is_chinese(num) and num[0] in "十百千万" and _VAGUE_BEFORE.search(head + num[0]):
        return True
    if _HELD_RATE.search(head) and not _BOUND_RULE.search(sentence):
        return False  # "病床使用率保持在95%以上": the rate achieved, stated as a bound
    if _THRESHOLD_BEFORE.search(head) or after.startswith(("以内", "以下")):
        return True
    clause_lo = max(sentence.rfind(c, 0, s) for c in "，,；;：:") + 1
    if _REQUIREMENT.search(sentence[clause_lo:s]):
        return True  # "要求…严格遵守十八项核心制度": a rule, neither a fact nor a plan
    if re.search(r"(?:^|[^从由\d.])\d+(?:\.\d+)?[至到~～]$", sentence[:s]):
        return True  # "每人联系2至3个党支部", "30至40分钟": a range has no one value
    if _MILESTONE.search(sentence[:s]) and _MILESTONE_THEN.match(sentence[e:]):
        return True  # "首次突破100万，达到103.7万人次": the round mark passed, then the value
    if _ONE_OF.match(sentence[e:]):
        return True  # "首批试点的300家县级医院之一": the others counted, not the hospital
    if _SIZED_THING.match(sentence[e:]):
        return True
    if m.group("unit") in ("个百分点", "人", "名") and _DELTA_AGAINST.search(head):
        return True  # "较上年下降1.9个百分点", "净增54人": the difference from last year, not a value
    if m.group("unit") in _PEOPLE_UNITS and after.startswith("同志"):
        return True  # "王某、赵某2名同志获评…": a list of names, counted
    return value is None


def _bare_wan_volumes(text):
    """[(match, name)] of the volumes given in 万 alone ("门急诊人次为92.6万")."""
    out = []
    for m in _BARE_WAN.finditer(text):
        if _MILESTONE.search(text[: m.start("num")]) and _MILESTONE_THEN.match(text[m.end() :]):
            continue
        lo, _hi = _clause_bounds(text, m.start(), m.end())
        name = _noun_before(text[lo : m.start()])
        if not name and text[m.start() - 1 : m.start()] in "：:":
            # "门急诊人次：61.8万": a label's value.
            label_lo = max(text.rfind(c, 0, m.start() - 1) for c in "，,。；;\n") + 1
            name = _noun_before(text[label_lo : m.start() - 1])
        if name and _VOLUME_NAME.search(name) and not _AREA_WIDE.match(name) and not _POPULATION.search(name):
            out.append((m, name))
    return out


def _not_ours_spans(text, hospital, others=(), carried=False, state=None):
    """[(start, end)] of the clauses of the sentence that tell the area's, a member's, another
    body's or the past's figures: from the clause that opens with them to one that names the
    subject again (or, for the past, one that comes back to now). `carried`: the sentence before
    ended with "；" inside such a span ("全县县域内就诊率达到90.1%；基层诊疗量占比达到65%").
    `state` (a dict): "nation" in, the carried span is the nation's; "area_to_end" out, whether a span
    of the nation's figures runs over the whole sentence."""
    spans, start, past, pos = [], (0 if carried else None), False, 0
    area = bool(carried and state and state.get("nation"))  # the open span is the nation's
    partner = False  # the span opened with another hospital: its 该院 is that hospital
    partner_named = False  # the clause before named another hospital last
    event = False  # the span opened with one event ("此次义诊…"): "医院共接待…" is still the event's
    for clause in re.split(r"(?<=[，,；;])", text):
        raw = clause.lstrip('“"‘ ')
        head = clause[_CLAUSE_OPENING.match(clause).end() :].lstrip('“"‘ ')
        # "浙江省人民医院将帮助遂川县人民医院建设3个重点专科": what the partner does for us is ours.
        named = _HELPED_PREFIX.sub("", head)
        other = next((o for o in others if named.startswith(o)), None) if hospital not in clause else None
        if not other and head.startswith("该院") and partner_named:
            other = "该院"  # "医院与某某医院合作，该院年门诊量超过300万人次": 该院 is the partner
        partner_named = _last_named_is_other(clause, 0, hospital, others)
        if start is not None and past:
            if _NOW_CLAUSE.match(raw) or _YEAR.search(raw):
                spans.append((start, pos))
                start, past = None, False
        elif (
            (area_head := _AREA_OPENING.match(head))
            or (_TOWN_MEMBER.match(head) and not hospital.startswith(head[:4]))
            or (_OTHER_BODY_OPENING.match(head) and not (hospital and head.startswith(hospital)))
            or ((peer := _COUNTY_PEER.match(named)) and peer.group() not in hospital)
            or _HELPED.match(head)
            or other
        ):
            partner = partner or (start is None and bool(other))
            # Only the nation's figures run on: a county's or a city's give way to the subject's.
            area = area if start is not None else bool(area_head and area_head.group(1) == "全国")
            start = pos if start is None else start
            pos += len(clause)
            continue
        elif _EVENT_CLAUSE.match(clause) and start is None:
            start, event = pos, True  # "…开展义诊，当天共接诊群众600余人次": the event's day to the end
        elif _PAST_STATE.match(raw) and start is None:
            start, past = pos, True  # "刚来时，医院只有200多张床": how it was, not how it is
        elif (
            start is not None
            and not event
            # "全国医疗卫生机构…，其中医院38355个": a part of the area's count, not the subject.
            and not (raw.startswith("其中") and not past)
        ) and (
            (_OURS_OPENING.match(head) and not (partner and head.startswith("该院")))
            or (hospital and head.startswith(hospital))
            or re.search(r"(?:帮助|协助|帮|指导)(?:医院|我院|本院)", head)
        ):
            spans.append((start, pos))
            start, partner, area = None, False, False
        pos += len(clause)
    if start is not None:
        spans.append((start, len(text)))
    if state is not None:
        state["area_to_end"] = start is not None and area and not past
    return spans


# "当天，医院共搬迁住院患者216名": the day of the event told, not the hospital's standing figures.
# Hospitals counted by a text ("贫困县医院超过560家", "8所受援医院") are others, unless the count is
# the subject's own network or reach (成员医院12家, 托管卫生院5家).
_COUNTED_HOSPITALS = re.compile(r"(医院|卫生院|医疗机构)$")
_NETWORK_WORD = re.compile(
    r"(成员|下属|分院|托管|协作|联盟|合作|签约|帮扶|对口|结对|紧密型|医共体|医联体|集团)"
)
_EVENT_DAY = re.compile(
    r"^(?:当天|当日|当晚|当夜|次日|凌晨|深夜|活动当天|活动现场|仪式上|启用仪式上|义诊当天|会议期间|活动期间)[，,]"
)
_EVENT_CLAUSE = re.compile(
    r"(?:当天|当日|活动当天|义诊当天|活动中|活动期间|会议期间|活动现场|活动过程中|截至当日"
    # "此次义诊活动为群众测血压500余人次", "在本次活动中…": one event's tallies, not the hospital's.
    r"|在?(?:此次|本次|这次|该次)[^，,。；;]{0,10}?(?:义诊|活动|巡诊|下乡|筛查|体检|演练|宣传|培训|讲座|服务))"
)
# "大会表彰了42名优秀医务工作者和15个先进集体": people and groups honoured at the event.
_HONOURED = re.compile(r"(表彰|表扬|授予|颁发|颁授|获授|评选出|选出|获奖(?:医师|者|人员|个人|单位|集体))了?")
_SUBJECT_MENTION = re.compile(r"(?:^|[，,；;])(?:医院|我院|本院|全院)")


def _ours_after_other(text, hospital, others):
    """Whether a sentence opening with another hospital comes back to the subject in a later clause
    ("华西医院常驻专家6人，医院每年接诊候鸟患者30余万人次"): its clauses are then read one by one."""
    spans = _not_ours_spans(text, hospital, others)
    return bool(spans) and spans[0][1] < len(text)


def _last_named_is_other(text, lead, hospital, others):
    """Whether the hospital named last in the sentence is another one (True), the subject (False),
    or nobody is named (None): a following "该院…" sentence is about that one. Another hospital
    counts when it opens the sentence or is what the subject is or works with ("医院是某某医院的
    对口帮扶医院", "医院与某某医院组建…"), not when it only sets the scene ("在某某医院专家指导下")."""
    other_at = max(
        (
            m.start()
            for o in others
            for m in re.finditer(re.escape(o), text)
            if m.start() == lead or text[m.start() - 1 : m.start()] in ("是", "为", "与", "和", "同")
        ),
        default=-1,
    )
    ours = [m.start() for m in _SUBJECT_MENTION.finditer(text)]
    ours_at = max([*ours, text.rfind(hospital) if hospital else -1])
    if other_at < 0 and ours_at < 0:
        return None
    return other_at > ours_at


_PERCENT_WORDS = re.compile(rf"百分之({NUMERAL})(?![%％])")


def extract_metrics(sentences, hospital, others=()):
    """MetricFacts from the sentences (normalised text; spans index the body). Sentences whose
    subject is another hospital (one of the names in `others`) report its numbers, not ours."""
    facts = []
    carried = None  # "2023年，…；…；…": a year opening a list of ；-clauses dates all of them
    others = sorted((o for o in others if len(o) >= 4 and o not in hospital), key=len, reverse=True)
    now = _latest_year(sentences)
    other_before = False  # the sentence before named another hospital last
    plan_section = False  # under a heading such as "四、2024年工作打算"
    plan_level = 1  # its depth: 一、 1, （一） 2, 1、 3 (a line heading is 1)
    area_open = False  # the sentence before ended with "；" inside the area's (or another's) clauses
    area_ended = False  # the sentence before ended inside such clauses, whatever its end mark
    nation_to_end = False  # the sentence before ended inside the area's clauses ("全国…")
    for sent in sentences:
        # "百分之八十九点六" is 89.6%: read as written with the sign, inside this sentence only.
        text = _PERCENT_WORDS.sub(r"\1%", sent.text)
        if is_row(text):
            continue  # a table's row is read by its cells (table_facts)
        heading = _SECTION_HEAD.match(text) or (
            _HEADING_LINE.fullmatch(text) if sent.ends_with == "\n" else None
        )
        level = _heading_level(heading.group()) if heading and heading.re is _SECTION_HEAD else 1
        if heading and not (plan_section and level > plan_level):
            # "四、2024年工作安排" then "（一）…（二）…": items under a plan heading stay targets.
            heading_end = heading.end() if heading.re is _SECTION_HEAD else 0
            plan_section = bool(_PLAN_HEAD.search(text[heading_end : heading_end + 16].split("。")[0]))
            plan_level = level
        first_fact = len(facts)
        lead = _OTHER_LEAD.match(text).end()
        named_other = _last_named_is_other(text, lead, hospital, others)
        # "根据协议，该院将派驻…": after a sentence about the partner, 该院 is the partner.
        theirs = other_before and bool(_THAT_HOSPITAL.match(text, lead))
        other_before = theirs or (other_before if named_other is None else named_other)
        if (
            (
                others
                and any(text.startswith(o, lead) for o in others)
                and not _ours_after_other(text, hospital, others)
            )
            or _MEMBER_LEAD.match(text, lead)
            or theirs
            or _EVENT_DAY.match(text)
        ):
            if sent.ends_with not in ("；", ";"):
                carried = None
            area_open = area_ended = nation_to_end = False
            continue
        past = _PAST_OPENING.match(text)
        history = bool(past and now and int(past.group(1)) <= now - _PAST_YEARS)
        by_year = _BY_YEAR.search(text)
        by = int(by_year.group(1).translate(_YEAR_DIGITS)) if by_year else None
        future_from = by_year.start() if by and now and by > now else None
        opening = text.split("，", 1)[0].split(",", 1)[0].strip()
        if _TIME_ONLY.match(opening):
            year_m = _YEAR.search(opening)
            carried = int(year_m.group(1)) if year_m else None
        # "全国…出院人数达3320.7万人。其中：医院出院人数2319.3万人": the part is the area's too.
        # "“十三五”期间全国…累计选派医务人员超过8万人次。门诊诊疗超过3600万人次，…": the nation's
        # figures run on into a sentence that names no subject, up to a clause that names it again.
        carried_over = (
            area_open or (area_ended and re.match(r"其中[：:，,]?", text) is not None) or nation_to_end
        )
        state = {"nation": nation_to_end}
        taken = _not_ours_spans(text, hospital, others, carried_over, state)
        nation_to_end = state["area_to_end"]
        # A span running to the end of a sentence cut at "；" runs on into the next one.
        area_ended = any(b == len(text) for _a, b in taken)
        area_open = sent.ends_with in ("；", ";") and area_ended
        prev_names = []
        counted_at = []  # (position, name) of the levels counted so far, 万 alone included
        named_at = []  # (position, name) of every measure named so far, changes included
        founding_values = []  # (unit, value) of "由建院时的20张病床…" waiting for the value it grew to
        small_beginnings = [x.span() for x in _SMALL_BEGINNING.finditer(text)]
        multiples_named = {}  # clause start -> the names counted before its "分别是…倍"
        cursor = 0
        for m in list(CHANGE_RE.finditer(text)):
            value, from_value = parse_number(m.group("num")), parse_number(m.group("from"))
            if value is None or from_value is None or any(a <= m.start("num") < b for a, b in taken):
                continue
            value, unit, from_value = _change_units(m, value, from_value)
            lo, _hi = _clause_bounds(text, m.start(), m.end())
            before = text[lo : m.start()]
            name = _noun_before(before) or (_label_name(text, lo) if not before.strip() else "")
            name = _time_name(before, name, unit, True)
            if not name:
                continue
            # "由2019年的820人增加到1260人": 2019 dates the old value, not the new one.
            dated = text[: m.start()] + " " * (m.start("num") - m.start()) + text[m.start("num") :]
            year, period = _when(dated, m.start("num"))
            year = carried if year is None else year
            taken.append((m.start(), m.end()))
            named_at.append((m.start(), name))
            fact = _fact(name, value, unit, _qualifier(m), from_value, "level", year, period, sent, hospital)
            fact.planned = _is_planned(text, m.start("num"))
            facts.append(fact)
        for m in _BA_CHANGE.finditer(text):
            value, from_value = parse_number(m.group("num")), parse_number(m.group("from"))
            if value is None or from_value is None or any(a <= m.start("from") < b for a, b in taken):
                continue
            # "将原有的9个党支部调整为21个": the thing counted stands between the two counts.
            year, period = _when(text, m.start("from"))
            year = carried if year is None else year
            taken.append((m.start(), m.end()))
            named_at.append((m.start(), m.group("what")))
            fact = _fact(
                m.group("what"), value, m.group("unit"), "", from_value, "level", year, period, sent, hospital
            )
            fact.planned = _is_planned(text, m.start("from"))
            facts.append(fact)
        for fact, span in _respective(text, sent, hospital, carried):
            if any(a <= span[0] < b for a, b in taken):
                continue
            taken.append(span)
            facts.append(fact)
        for fact, span in _indices(text, sent, hospital, carried):
            if any(a <= span[0] < b for a, b in taken):
                continue
            taken.append(span)
            facts.append(fact)
        compared = {}  # clause start -> the measure whose earlier value the clause gave
        wan_volumes = [] if history else _bare_wan_volumes(text)
        wan_named = [(w.start("num"), n) for w, n in wan_volumes]
        for m in METRIC_RE.finditer(text):
            if any(a <= m.start("num") < b for a, b in taken):
                continue
            num = m.group("num")
            value = parse_number(num)
            if _skip(text, m, num, value):
                continue
            value, unit = _scaled(num, value, _unit_of(m))
            beds = unit == "张床位"
            unit = "张" if beds else unit
            if unit != "倍" and (
                history
                or _in_founding_days(text, m.start())
                or any(a <= m.start() < b for a, b in small_beginnings)
            ):
                if _FROM_FOUNDING.search(text, 0, m.start()) or small_beginnings:
                    founding_values.append((unit, value))
                continue
            lo, hi = _clause_bounds(text, m.start(), m.end())
            if _EARLIER_VALUE.search(text[lo : m.start("num")]) or (
                # "…，去年同期为40.1万人次" after a value; "年门急诊量：2025年达…" is a label's value.
                _EARLIER_STATED.match(text[lo : m.start("num")]) and not _label_name(text, lo)
            ):
                # "…56分钟，较2019年的87分钟缩短了31分钟": the value the one before is compared
                # with; it is that measure's earlier value, not a metric of its own.
                earlier = facts[-1] if facts and facts[-1].span == (sent.start, sent.end) else None
                converted = _in_unit(value, unit, earlier.unit) if earlier else None
                stated = re.match(r"((?:19|20)\d\d)年", text[lo : m.start("num")])
                if (
                    earlier is not None
                    and converted is not None
                    and stated
                    and earlier.year is not None
                    and int(stated.group(1)) > earlier.year
                ):
                    # "门急诊量2020年为142.3万人次，…，2023年达到181.7万人次": a series; the latest
                    # year's value is the figure.
                    earlier.value, earlier.year, earlier.from_value = converted, int(stated.group(1)), None
                elif earlier is not None and earlier.from_value is None and converted is not None:
                    earlier.from_value = converted
                compared[lo] = earlier.name if earlier is not None else ""
                cursor = m.end()
                continue
            if unit == "位" and _RANK_MOVE.search(text[lo : m.start()]):
                continue
            after = text[m.end() : hi]
            before_lo = max(lo, cursor)
            before = text[before_lo : m.start()]
            if m.group("tail") and re.match(r"[的\u4e00-\u9fff]", text[m.end() : m.end() + 1]):
                continue  # "万元以上设备", "价值50万元以上的大型设备": a bar things are above
            if unit.endswith("人") and (
                text[m.end() : m.end() + 1] == "口"
                or re.search(r"人口(?:数|总数)?(?:为|达|约|近|超过)?$", before)
            ):
                continue  # "全市700余万人口", "服务人口45万人": the region's people, not the hospital's
            if unit in ("个", "位") and re.match(r"(?:位次|名次)", text[m.end() :]):
                continue  # "排名提升3个位次": a ranking's movement
            kind = "level"
            if unit == "个百分点" or DELTA_VERB.search(before) or "新增" in text[lo : m.start()]:
                kind = "change"
            listed = re.search(
                r"分别(?:(?:较|比)[^，,。；;]{0,8}?(?:上年|去年|(?:19|20)\d\d年)(?:同期)?|同比|环比)?(?:是|为|达|增长|增加|提高|提升|下降|降低|减少)",
                text[lo : m.start()],
            )
            if unit in ("倍", "%", "个百分点") and (prev_names or wan_named) and listed:
                # "门急诊量…，出院病人…，分别是十年前的2.1倍、1.8倍和3倍", "…分别增长12%和8%":
                # the values belong to the measures counted before, in order.
                times = [x for x in METRIC_RE.finditer(text, lo, hi) if _unit_of(x) == unit]
                k = next(i for i, x in enumerate(times) if x.start() == m.start())
                counted = multiples_named.setdefault(
                    lo, [n for _p, n in sorted(counted_at + [w for w in wan_named if w[0] < lo])]
                )
                name = counted[-len(times) + k] if len(counted) >= len(times) else ""
                kind = (
                    "level"
                    if unit == "倍" and not re.search(r"(增长|增加|提高|提升)", listed.group())
                    else kind
                )
                if unit != "倍" and re.search(r"(增长|增加|提高|提升|下降|降低|减少)", listed.group()):
                    kind = "change"
            elif unit == "倍":
                # "四级手术例数较更名前增长了2.6倍": what it is compared with is no part of the name.
                name = _noun_before(
                    re.sub(r"(?:较|比)[^，,。；;较比]{1,12}$", "", _MULTIPLE_LINK.sub("", before))
                )
                if not name and prev_names and _MULTIPLE_LINK.search(before):
                    name = prev_names[-1]  # "职工1870人，是建院时的170倍"
                elif (
                    not name
                    and facts
                    and facts[-1].span == (sent.start, sent.end)
                    and re.fullmatch(r"(?:是|为|相当于)[^，,。；;]{0,10}?的?", text[lo : m.start()].strip())
                ):
                    name = facts[-1].name  # "由4.2万人次增长到61.3万人次，是当年的14.6倍": the change's
                kind = "change" if re.search(r"(增长|增加|提高|提升|翻)了?$", before) else "level"
            elif kind == "change":
                # "医疗收入较上年增加1.2亿元": the year compared with is no part of the name.
                stem = re.sub(
                    r"(?:再|又|还|将|进一步|分别|均|也)+$",
                    "",
                    _COMPARED_WITH.sub("", DELTA_VERB.sub("", before)),
                )
                # "平均手术时间较传统腹腔镜缩短约30%": what it is compared with is no part either.
                compared_with = re.search(r"(?:较|比)[^，,。；;较比]{1,12}$", stem)
                if compared_with and _noun_before(stem[: compared_with.start()]):
                    stem = stem[: compared_with.start()]
                name = _noun_before(stem)
                if not name and _ADDED_BEFORE.search(before):
                    name = _noun_after(after)  # "新增2个省级重点专科": what was added follows it
                name = name or ("" if DELTA_VERB.fullmatch(before.strip()) else _noun_before(before))
                delta = DELTA_VERB.search(before)
                if not name and compared.get(lo) and delta and before.strip() == delta.group():
                    # "…较2019年的87分钟缩短了31分钟": by how much the measure just compared moved.
                    name = compared[lo] + re.sub(r"^同比|了$", "", delta.group())
                elif not name and _BARE_DELTA.fullmatch(text[lo : m.start()]):
                    # "…下降到27.1%，下降了11.5个百分点", "职工1200人，比2015年增加了500人": the move of
                    # the measure named last before it.
                    name = max(((p, n) for p, n in named_at + wan_named if p < lo), default=(0, ""))[1]
            elif after[:1] in ("", "、", "，", ",", "。", "；", "…", "）", ")", "的"):
                name = _noun_before(before)
            elif re.match(r"(?:到|赴|前往|去|深入|奔赴)", after) and _PEOPLE_NOUN.search(before):
                name = _noun_before(before)  # "下派医务人员126人次到乡镇卫生院坐诊": who went, not where
            else:
                name = _noun_after(after)
                if unit in _THING_UNITS and _PEOPLE_NOUN.search(name):
                    name = ""  # "床位2000多张员工3000多人" (a comma lost): 张 counts no staff
                name = name or _noun_before(before)
                if name.startswith("用于") and re.search(r"(投入|投资|资金)$", before):
                    name = name[2:] + "投入"  # "投入3.8亿元用于基础设施建设": what the money went to
                spent = _SPENT_ON.match(after) if unit.endswith("元") else None
                spending = re.search(r"(投资|投入)$", before) if spent else None
                if spending:
                    # "投资4.6亿元建设东城院区二期工程": what the money builds or buys, all of it.
                    name = spent.group("what") + spending.group(1)
                sending = re.search(r"(选派|派出|外送|选送|输送|组织)$", before)
                study = re.search(r"(进修|培训|跟岗学习|学习|深造)", after)
                if name and study and (sending or re.match(rf"{re.escape(name)}(?:到|赴|前往|去)", after)):
                    # "选派18名骨干到上级医院进修", "46名医生到省人民医院进修"
                    verb = sending.group(1) if sending and not name.startswith(sending.group(1)) else ""
                    name = verb + name + study.group(1)
                part = after.strip()[:10]
                # "其中12项为区内首次开展": the copula says what the part is.
                part = re.sub(r"^(?:为|系|属于?|是)(?=..)", "", part) if part[:1] in "为系属是" else part
                if (
                    prev_names
                    and re.fullmatch(r"其中有?", text[lo : m.start()])
                    and part
                    and (tag(part)[0][1] == "v" or part != after.strip()[:10])
                ):
                    # "开展60项新技术，其中8项为全市首创": a part of the thing counted before.
                    name = f"{prev_names[-1]}（{part}）"
            cursor = m.end()
            built = _INVESTED_IN.match(after) if unit.endswith("元") and before.endswith("投资") else None
            if built:
                name = built.group("what") + "投资"  # "推进投资8.6亿元的城南院区建设": what it builds
            if unit == "%" and prev_names and _SHARE_OF_PREVIOUS.match(text[lo : m.start()]):
                name = prev_names[-1] + "占比"  # "…1080人，占85.7%": the share of what was counted
            if not name and re.fullmatch(
                r"(?:目前|现在|如今|现)?(?:已经|已)?(?:累计|总数|总量)?(?:达到|达|为|共计|总计|突破|超过)",
                before.strip() + (m.group("pre") or ""),
            ):
                # "门诊量同比增长12.5%，达到48万人次": the measure just named; "门急诊人次首次突破
                # 100万，达到…": the measure whose mark was passed.
                mark = _MILESTONE_NAME.search(text[:lo])
                if named_at:
                    # "新获批市级重点专科3个，累计达到14个": the total of what was just added.
                    name = re.sub(r"^(?:新增|新建|新获批?|新引进|新开设?)", "", max(named_at)[1])
                elif mark:
                    name = _noun_before(mark.group("before"))
                elif re.match(r"(?:目前|现在|如今|现)", before.strip()):
                    # "省级临床重点专科从无到有，目前已达到4个": what the clause before is about.
                    name = _subject_of_previous_clause(text, lo)
            if not name and not _DATED_LINK.sub("", before.strip()):
                # "编制床位：800张": the label names the value; also "年门急诊量：2025年达126.3万人次".
                name = _label_name(text, lo)
            prior = _PRIOR_YEAR.search(text[: m.start()])
            if prior and prev_names and facts and unit == facts[-1].unit:
                # "平均住院日7.8天（2022年为8.3天）": the same measure in an earlier year.
                name = prev_names[-1]
            if name in ("增幅", "增速", "降幅", "涨幅", "增长率") and prev_names:
                name = prev_names[-1] + name  # "医疗收入增加1.2亿元，增幅为15.6%": the growth of that
            elif name in ("占比", "比例", "比重") and unit == "%" and not _clause_opens_with(text, lo, name):
                # "党支部书记由业务骨干担任的比例达到100%": the clause says whose share it is.
                said = re.search(rf"([^，,。；;]{{2,30}}?的?{name})", text[lo : m.start()])
                name = said.group(1) if said else name
            elif name in ("占比", "比例", "比重") and unit == "%" and prev_names:
                name = prev_names[-1] + "占比"  # "四级手术7260台，占比提高到21.3%"
            elif name in _GENERIC_COUNT and prev_names and text[lo : m.start()].startswith(name):
                # "新增省级重点专科1个，总数达到5个": the total of the thing just counted.
                name = re.sub(r"^(?:新增|新建|新获批|新引进)", "", prev_names[-1])
            elif name in _GENERIC_COUNT:
                name = _subject_of_previous_clause(text, lo) or name
            elif name in _PART_MEASURE and text[lo : m.start()].startswith(name):
                part = re.sub(r"(?:共有|共计|共)$", "", _subject_of_previous_clause(text, lo))
                name = part + name if _BUILDING.search(part) else name
            elif re.fullmatch(r"项目(?:总投资|投资)", name) and text[lo : m.start()].startswith(name):
                # "启动感染性疾病科综合楼建设，项目总投资1.35亿元": the project is the building.
                built = _BUILT_BEFORE.search(text, 0, max(lo - 1, 0))
                name = built.group("what") + name[2:] if built else name
            name = _time_name(before, name, unit, kind == "change")
            named_as = _NAMED_AS.match(text, m.end()) if unit in ("个", "家") else None
            if named_as and re.search(r"(科室|专科|学科|科)$", name):
                name = named_as.group("what")  # "心内科等5个科室为市级重点专科": what they were made
            if unit.endswith("公里") and not _DISTANCE_NAME.search(name):
                continue  # "驱车70公里赶到": a trip in the story, not a measure
            if beds and not name.endswith(("床位", "病床")):
                # "医院现有1300张床位", "开放床位…": beds counted before the word, named by it.
                standing = re.search(r"(编制|核定|开放|实际开放|展开|新增)$", text[lo : m.start()])
                name = (standing.group(1) if standing else "") + "床位"
            if not name or re.fullmatch(r"[\d\W]+", name):
                continue
            clause = text[lo : m.start()]
            if prev_names and clause.startswith("其中") and len(clause) > 3 and tag(clause[2:])[0][1] == "v":
                # "开展120余项新技术，其中填补省内空白8项": a part of the thing counted before.
                name = f"{prev_names[-1]}（{clause[2:]}）"
            elif name in _BARE_PLACES and _REACH.search(text[: m.start()]):
                # "联盟覆盖26个省份、180余家医院": what the reach is counted in.
                name = _REACH.search(text[: m.start()]).group(1) + name
            elif kind == "change" and prev_names and _BARE_DELTA.fullmatch(clause):
                # "门急诊量达286万人次，同比增长15.3%": the growth of the thing just counted.
                name = prev_names[-1]
            elif kind == "change" and _BARE_DELTA.fullmatch(clause) and _BARE_WAN.search(text[:lo]):
                # "门急诊人次达到86.4万，同比增长9.2%": the thing counted in 万 alone just before.
                wan = list(_BARE_WAN.finditer(text[:lo]))[-1]
                name = (
                    _noun_before(text[_clause_bounds(text, wan.start(), wan.end())[0] : wan.start()]) or name
                )
            elif prev_names and _borrows_head(name, prev_names[-1], text[before_lo : m.start()]):
                # "高级职称210人、中级398人": the second count shares the first one's noun.
                name = name + prev_names[-1][len(name) :]
            if _LEVEL_PREFIX.match(name) and prev_names:
                # "省级重点学科达6个，市级11个": the level word borrows the noun.
                prev = prev_names[-1]
                lvl = re.match(r"^(国家级|省级|市级|县级)", prev)
                if lvl:
                    name = name + prev[len(lvl.group()) :]
            prev_names.append(name)
            named_at.append((m.start(), name))
            if kind == "level" and unit not in ("%", "倍", "个百分点"):
                counted_at.append((m.start(), name))
            per = re.search(r"每(天|日|月|周)", text[lo : m.start()])
            if per and not name.startswith(("每", "日", "月", "周")):
                name = "每" + per.group(1) + name  # "每月会诊2000余例": a month's, not a year's
            name = _count_name(name, unit)
            # "是2005年的9倍", "较2020年增长38%", "比创建前的2020年增长": the year compared with
            # dates nothing.
            compared_year = (
                r"(?<=[是为比较])()((?:19|20)\d\d年)(?=的)"
                if unit == "倍"
                else r"(?<=[比较])([^，,。；;\d]{0,8}?)((?:19|20)\d\d年)"
            )
            dated = re.sub(compared_year, lambda y: y.group(1) + " " * len(y.group(2)), text)
            year, period = _when(dated, m.start("num"))
            year = carried if year is None else year
            sending = _SENT_TO_TRAIN.search(text[lo : m.start()])
            if sending and re.sub(r"(人次|人数)$", "", name).endswith(sending.group(2)):
                name = sending.group(1) + sending.group(2)  # "外送…上级医院进修26人次": 外送进修
            if _sent_by_partner(text, m, name, unit, hospital, others):
                continue
            if (
                _AREA_WIDE.match(name)
                or re.search(r"每[千万]人口|每[千万]常住人口|千人口", text[lo : m.start()])
                or re.match(r"(?:我国|全国|全球|全世界|国内)", text[lo : m.start()])
            ):
                continue  # "全县住院率", "每千人口执业医师数", "我国每年新发…": the area's figure
            if unit in _PEOPLE_UNITS and (
                _CEREMONY.match(text[m.end() :]) or _CONTESTANTS.match(text[m.end() :])
            ):
                continue  # "500余名职工参加大会", "72名护士参赛": an audience, contestants
            if unit.endswith("元") and re.search(r"价值$", text[lo : m.start()]) and after.startswith("的"):
                continue  # "引进价值1200万元的磁共振": the price of one thing bought
            if unit in _PEOPLE_UNITS and re.match(
                r"^[^，,。；;]{0,12}的(?:抢救|救治|手术|努力|奋战|接力)", text[m.end() :]
            ):
                continue  # "经过6名医护人员连续8小时的抢救": a team for one case
            if unit in _PEOPLE_UNITS and (
                _ATTENDEES.search(name)
                or _ATTENDEES_AFTER.match(text[m.end() :])
                or _ROLL_CALL.search(text[lo : m.start()])
                or re.match(r"(?:工人|施工人员|建设者|农民工)", name)
            ):
                continue  # "应到代表186名，实到179名": a roll call; "300余名工人": the builders
            if (name in _PLACES_OF_AREA or _PLACE_AFTER.match(text, m.end())) and re.search(
                r"(全省|全州|全盟|全县|全市|全区|全旗|全镇|全乡)$", text[lo : m.start()]
            ):
                continue  # "实现全区61个行政村巡诊全覆盖": the area's villages, not the hospital's
            if name == "医院" and unit in ("家", "所"):
                continue  # "省内已有30余家医院加入联盟": other hospitals, counted
            if (
                unit in ("家", "所")
                and _COUNTED_HOSPITALS.search(name)
                and not _NETWORK_WORD.search(text)
                and not _REACH.search(text[: m.start()])
            ):
                continue  # "达到三级水平的县医院超过45家", "全县4家县级医院": hospitals the text counts
            if (unit in _PEOPLE_UNITS or unit == "个") and _HONOURED.search(text[lo:hi]):
                continue  # "表彰了36名优秀医师", "对12个先进科室进行了表彰"
            if (
                unit in ("个", "家")
                and re.match(
                    rf"[^，,。；;的]{{0,8}}的{NUMERAL}(?:名|位|人)[^，,。；;]{{0,8}}"
                    r"(迅速|立即|紧急|火速|连夜|参赛|同台比拼|同台竞技|比拼|角逐)",
                    text[m.end() :],
                )
                and (
                    not re.search(r"(?:参赛|比拼|竞技|角逐)", text[m.end() : m.end() + 40])
                    or text[lo : m.start()].endswith("来自")
                )
            ):
                continue  # "6个科室的18名医护人员": the teams the people came from
            if (unit in _PEOPLE_UNITS or unit == "支") and (
                re.search(r"义诊", name) or _SERVES_AT_EVENT.match(text[m.end() :])
            ):
                continue  # "2支义诊队", "11名医务人员冒雨为群众提供…义务服务": one event's team
            if unit in _PEOPLE_UNITS and re.match(
                r"^[^，,。；;]{0,8}(迅速|立即|紧急|火速|连夜)", text[m.end() :]
            ):
                continue  # "18名医护人员迅速集结": a team for one case
            # "由建院初期只有12张病床的卫生院，发展成为编制床位450张的医院": grown from the founding value.
            start = next((v for u, v in founding_values if u == unit), None) if kind == "level" else None
            if start is not None:
                founding_values.remove((unit, start))
            fact = _fact(name, value, unit, _qualifier(m), start, kind, year, period, sent, hospital)
            fact.planned = _is_planned(text, m.start("num")) or (
                future_from is not None and future_from < m.start()
            )
            facts.append(fact)
        for m in _DOUBLED.finditer(text):
            lo, _hi = _clause_bounds(text, m.start(), m.end())
            if lo in compared or any(a <= m.start() < b for a, b in taken):
                continue  # "较2019年的6000台次翻了一番": the change is told by the pair of values
            before = re.sub(r"(实现|再次|又|已|均|了|基本)+$", "", text[lo : m.start()])
            name = _noun_before(before) if before and not re.match(r"^(较|比|相比)", before) else ""
            name = name or (prev_names[-1] if prev_names else "")
            if not name:
                continue
            # "比2019年翻了一番": the year compared with does not date the doubling.
            year, period = _when(
                re.sub(r"(?<=[较比])(?:19|20)\d\d年", lambda y: " " * len(y.group()), text), m.start()
            )
            year = carried if year is None else year
            value = Decimal(2 ** _DOUBLINGS[m.group("n")] if m.group("n") else 2)
            fact = _fact(name, value, "倍", "", None, "change", year, period, sent, hospital)
            fact.planned = _is_planned(text, m.start())
            facts.append(fact)
        for m, name in wan_volumes:
            if any(a <= m.start("num") < b for a, b in taken):
                continue
            year, period = _when(text, m.start("num"))
            year = carried if year is None else year
            value = parse_number(m.group("num"))
            fact = _fact(name, value, "万", "", None, "level", year, period, sent, hospital)
            fact.planned = _is_planned(text, m.start("num"))
            facts.append(fact)
        for fact, span in _runs_of_years(text, sent, hospital, taken):
            taken.append(span)
            facts.append(fact)
        if plan_section and not _DONE.search(text):
            # "四、下半年工作打算。确保全年门急诊人次突破48万…": the section's figures are targets.
            for fact in facts[first_fact:]:
                fact.planned = True
        if sent.ends_with not in ("；", ";"):
            carried = None
    return _dedupe(facts)


_SCALE_FACTORS = {"万": 10_000, "亿": 100_000_000}


def _in_unit(value, unit, target):
    """`value` in `unit` restated in `target` (6000 台次 in 万台次 is 0.6), or None for another unit."""
    if unit == target:
        return value
    for scale, factor in _SCALE_FACTORS.items():
        if target == scale + unit:
            return (value / factor).normalize()
        if unit == scale + target:
            return (value * factor).normalize()
    return None


def _respective(text, sent, hospital, carried):
    """(MetricFact, span) of "A和B分别为X和Y": the measures listed before 分别, their values in
    the same order after it. Only when the list has no numbers of its own (then the values are
    multiples or growths of counts told before, which extract_metrics pairs itself)."""
    out = []
    for m in _RESPECTIVE.finditer(text):
        lo = max(text.rfind(c, 0, m.start()) for c in "，,；;：:") + 1
        head = re.sub(r"(?:同比|环比|(?:较|比)(?:上年|去年)(?:同期)?)$", "", text[lo : m.start()])
        if not head or re.search(r"\d", head):
            continue
        parts = [p for p in re.split(r"[、和及与]", head) if p]
        values, pos = [], m.end()
        while True:
            v = _RESPECTIVE_ONE.match(text, pos)
            if not v:
                break
            values.append(v)
            sep = re.match(r"、|和|及|与", text[v.end() :])
            if not sep:
                break
            pos = v.end() + sep.end()
        if len(values) < 2 or len(values) != len(parts):
            continue
        units = [
            (v.group("scale") or "") + _UNIT_SPELLING.get(v.group("unit") or "", v.group("unit") or "")
            for v in values
        ]
        units = [u or units[-1] for u in units]
        names = [_noun_before(p) for p in parts]
        shared = re.search(r"(占比|比例|比重|使用率|满意度|率)$", names[-1] or "")
        if shared:
            # "三级手术、四级手术占比分别为…": the measure word of the last one is every one's.
            names = [
                n + shared.group()
                if n and len(n) <= 6 and not re.search(r"(量|数|率|比|次|度|额)$", n)
                else n
                for n in names
            ]
        if not all(names) or (not all(units) and not all(_INDEX_NAME.search(n) for n in names)):
            continue
        kind = "change" if _GROWTH_VERB.search(m.group("verb")) else "level"
        for name, unit, v in zip(names, units, values, strict=True):
            value = parse_number(v.group("num"))
            if value is None or (unit in TIME_UNITS and kind != "change" and not _TIME_NAME.search(name)):
                continue
            year, period = _when(text, v.start("num"))
            year = carried if year is None else year
            fact = _fact(name, value, unit, _qualifier(v), None, kind, year, period, sent, hospital)
            fact.planned = _is_planned(text, v.start("num"))
            out.append((fact, (v.start("num"), v.end())))
    return out


def _latest_year(sentences):
    """The latest year the article states as a date, not as a target ("到2026年" is left out)."""
    years = [
        int(m.group(1))
        for sent in sentences
        for m in _YEAR.finditer(sent.text)
        if sent.text[max(0, m.start() - 1) : m.start()] not in ("到", "至")
        or re.match(r"(?:底|末)?的", sent.text[m.end() :])
    ]
    return max(years, default=None)


def _indices(text, sent, hospital, carried):
    """(MetricFact, span) of each unitless index value in the sentence ("CMI值由0.86提升至1.02")."""
    out = []
    for m in INDEX_RE.finditer(text):
        unit = m.group("unit") or ""
        if unit and m.group("word") != "组数":
            continue
        if not unit and _NOT_INDEX_AFTER.match(text[m.end() :]):
            continue
        lo, _hi = _clause_bounds(text, m.start(), m.end())
        if _THRESHOLD_BEFORE.search(text[lo : m.start("num")]):
            continue
        name = _noun_before(text[lo : m.end("word")])
        if name in ("指数", "系数", "组数") or not name:
            continue
        value = parse_number(m.group("num"))
        from_value = parse_number(m.group("from")) if m.group("from") else None
        year, period = _when(text, m.start("num"))
        year = carried if year is None else year
        qualifier = _qualifier(m)
        fact = _fact(name, value, unit, qualifier, from_value, "level", year, period, sent, hospital)
        fact.planned = _is_planned(text, m.start("num"))
        out.append((fact, (m.start(), m.end())))
    return out


def _unit_of(m):
    """The unit as written, with an Arabic number's 万/亿 folded in (3.12万平方米 -> 万平方米)."""
    unit = _UNIT_SPELLING.get(m.group("unit"), m.group("unit") or "")
    scale = m.groupdict().get("scale") or ""
    return scale + unit if scale and not unit.startswith(scale) else unit


def _change_units(m, value, from_value):
    """(value, unit, from_value) of a change in one unit. "由5000平方米增至3.1万平方米" is stated in
    two scales of one unit; the value stays as written and the old one is given in its unit (3.1
    万平方米 from 0.5)."""
    unit = _unit_of(m)
    fscale = m.group("fscale") or ""
    funit = _UNIT_SPELLING.get(m.group("funit") or "", m.group("funit") or "")
    base = unit[1:] if unit[:1] in _SCALES else unit
    factor = {"万": 10000, "亿": 100000000}
    to_factor = factor.get(unit[:1], 1) if unit[:1] in _SCALES else 1
    if funit and (fscale + funit) != unit and (funit == base or funit[1:] == base):
        from_scale = fscale or (funit[0] if funit[:1] in _SCALES else "")
        from_value = (from_value * factor.get(from_scale, 1) / to_factor).normalize()
    elif fscale and not funit and fscale + base != unit:
        from_value = (from_value * factor[fscale] / to_factor).normalize()
    return value, unit, from_value


# Experts a partner sends ("对方每月派出2名专家来院指导", "浙大一院常驻专家达到20名") are the
# partner's staff, not the subject's.
_HELPERS = re.compile(r"(专家|医生|骨干|医护|人才|学科带头人|学科主任|团队)")
_PARTNER = re.compile(
    r"(对方|[\u4e00-\u9fff]{1,3}大[一二三四五六七八九]?附?院|[\u4e00-\u9fff]{1,3}[一二三]附院)"
)
_COME_TO_US = re.compile(r"^[^，,。；;]{0,6}(来院|到院|来我院|赴我院|常驻我院|驻院)")


_SENT_TO_TRAIN = re.compile(r"(外送|选送|选派|派出|输送|送)[^，,。；;]{0,16}?(进修|培训|学习|深造)$")


_AREA_WIDE = re.compile(
    r"^(全县|全市|全区|全省|全州|全旗|全国|县域|市域|区域内|辖区)(?!医共体|医联体|医疗共同体|医疗集团|紧密型)"
)
_CEREMONY = re.compile(
    r"^[^，,。；;]{0,16}(参加|出席|参与|观看|聆听|到场|开展|走进)[^，,。；;]{0,8}"
    r"(大会|会议|仪式|典礼|庆典|座谈会|开幕式|活动|晚会|报告会|义诊|演练|比赛|竞赛|交流|宣讲)"
)
# Who attends or competes, not who works: "12名选手", "120名代表".
_PLACES_OF_AREA = {
    *("行政村", "村", "自然村", "乡镇", "社区", "街道", "村庄", "乡", "镇"),
    *(
        "县",
        "区",
        "市",
        "旗",
        "县区",
        "区县",
        "县市区",
        "县（市、区）",
        "县（区、市）",
        "地市",
        "市州",
        "州市",
        "盟市",
    ),
}
# "全市11个县（区、市）": the area's own places; "全县14家乡镇卫生院" are institutions, counted.
_PLACE_AFTER = re.compile(
    r"(?:县|区|市|旗|州|盟|乡|镇|村|社区|街道)(?![\u4e00-\u9fff]{0,3}(?:卫生|医|诊所|中心|机构|服务))"
)
_ROLL_CALL = re.compile(r"(应到|实到|出席|列席|参会)(?:正式)?(?:职工)?(?:代表|人员|人数)?$")
_SERVES_AT_EVENT = re.compile(r"^[^，,。；;]{0,12}为(?:群众|市民|村民|居民)[^。；;]{0,24}?(义诊|义务服务)")
_ATTENDEES = re.compile(r"(选手|参赛者|嘉宾|来宾|观众|代表|学员|(?<!院)领导)$")
_ATTENDEES_AFTER = re.compile(
    r"(?:参赛)?(选手|参赛者|嘉宾|来宾|观众|代表|学员)(?![\u4e00-\u9fff]{0,2}(?:性|作))"
)


def _sent_by_partner(text, m, name, unit, hospital, others):
    if unit not in _PEOPLE_UNITS or not _HELPERS.search(text[max(0, m.start() - 12) : m.end() + 4] + name):
        return False
    lo = max(text.rfind(c, 0, m.start()) for c in "，,；;") + 1
    # "协和医院累计派出专家53人次，医院另有97名医护人员到协和进修": a clause of ours after the
    # partner's is ours.
    head = text[lo : m.start()] if re.match(r"(?:医院|我院|本院)(?!的)", text[lo:]) else text[: m.start()]
    if _PARTNER.search(head) or _COME_TO_US.match(text[m.end() :]):
        return True
    if re.search(r"(来院|到院|来我院|驻院)", text[lo : m.start()]):
        return True  # "全年累计来院专家126人次": the visitors are the partner's staff
    if hospital and re.search(rf"向{re.escape(hospital)}[^，,。；;]{{0,6}}(派|选|下)", head):
        return True
    # "华西医院派驻的12名专家…": another hospital sends them.
    return any(re.search(rf"{re.escape(o)}[^，,。；;]{{0,8}}(派|常驻|选派|下派|下沉)", head) for o in others)


def _label_name(text, lo):
    """ "编制床位：800张", "床位：由15张发展到2800张": the label before the colon ending at lo - 1."""
    if lo < 2 or text[lo - 1] not in "：:":
        return ""
    label_lo = max(text.rfind(c, 0, lo - 1) for c in "，,；;、｜|\u3000 ：:") + 1
    label = re.sub(r"^[一二三四五六七八九十\d]+[、.]", "", text[label_lo : lo - 1].strip(" -*·•"))
    if 2 <= len(label) <= 12 and re.fullmatch(r"[\u4e00-\u9fffA-Za-z（）()]+", label):
        return label  # a label is the measure's own name
    return _noun_before(label)


_GOING_TO = re.compile(
    r"[\d.]*[万亿]?[^\d，,。；;]{1,8}?(?<!即)将(?:分别)?(?:到|赴|前往|进驻|派驻|开展|参加|入驻)"
)


_NOT_YET_BUILT = re.compile(
    r"(?:[\d.]|[〇零一二两三四五六七八九十百千点])*[万亿]?[^，,。；;]{0,10}?(?:力争|计划|预计|将于|拟于?|有望)[^，,。；;]{0,12}?"
    r"(?:封顶|建成|投用|竣工|开工|完工|启用|投入使用|交付)"
)


def _is_planned(text, pos):
    """A target or projection: a plan word in the number's clause, or earlier in its sentence with
    nothing in the clause saying it is done ("预计到2025年，床位将达到1200张")."""
    lo = max(text.rfind(c, 0, pos) for c in "，,；;：:") + 1
    if _PLAN.search(text[lo:pos]):
        return True
    if _GOING_TO.match(text, pos):
        return True  # "74名专家将分别到10个市县开展帮扶": they have not gone yet
    if _NOT_YET_BUILT.match(text, pos):
        return True  # "新住院楼（建筑面积6.2万平方米）力争10月底前封顶": a building still going up
    if _PLAN_SENTENCE.search(text[:lo]) and not _DONE.search(text[lo:pos]):
        return True
    prev_lo = max(text.rfind(c, 0, max(lo - 1, 0)) for c in "，,；;：:") + 1
    previous = text[prev_lo : max(lo - 1, 0)]
    return bool(
        lo and re.match(r"^(预计|计划|力争|争取|拟|目标)[^，,；;]{0,4}(到|至|于)?(19|20)\d\d年", previous)
    )


def _borrows_head(name, previous, between):
    """ "中级" after "高级职称": a short modifier standing where the previous count's head was."""
    between = between.lstrip("、，,和及与")
    return (
        1 < len(name) <= 2
        and between.endswith(name)
        and len(between) <= len(name) + 2
        and len(previous) > len(name)
        and previous[: len(name)] != name
        and previous[len(name) - 1] == name[-1]
    )


def _runs_of_years(text, sent, hospital, taken):
    """(MetricFact, span) of "连续5年获评市级文明单位": how many years in a row, named for the record."""
    out = []
    for m in _RUN_OF_YEARS.finditer(text):
        if any(a <= m.start("num") < b for a, b in taken):
            continue
        value = parse_number(m.group("num"))
        what = m.group("what")
        if value is None or value < 2 or what.startswith(("的", "以来", "来", "间", "内", "里", "中")):
            continue
        if re.search(r"(保持在|稳定在|维持在|控制在)[^，,。；;]*\d|\d%", what):
            continue  # "满意度连续4年保持在95%以上": the level held is the figure, not the run
        what = re.split(r"[、（(“]", what, maxsplit=1)[0]
        if len(what) < 2:
            continue
        year, period = _when(text, m.start("num"))
        fact = _fact("连续" + what, value, "年", _qualifier(m), None, "level", year, period, sent, hospital)
        out.append((fact, (m.start(), m.end())))
    return out


def _scaled(num, value, unit):
    """(value, unit) with a trailing 万/亿 of a Chinese numeral moved into the unit, as an Arabic
    number's is (十一万平方米 is 11 万平方米, like 11万平方米)."""
    if is_chinese(num) and len(num) > 1 and num[-1] in _SCALES and not unit.startswith(("万", "亿")):
        scaled = parse_number(num[:-1])
        if scaled is not None:
            return scaled, num[-1] + unit
    return value, unit


def _time_name(before, name, unit, is_change):
    """The name of a metric counted in days or minutes, or "" when the number is a span of time
    in the story. 平均 is part of such a name (平均住院日), though it leads other phrases."""
    if unit not in TIME_UNITS:
        return name
    if not name or not (is_change or _TIME_NAME.search(name)):
        return ""
    return "平均" + name if "平均" + name in before else name


def _fact(name, value, unit, qualifier, from_value, kind, year, period, sent, hospital):
    return MetricFact(
        name=name.lstrip("—–-－─━·•● ")[:100],  # a dash or bullet opening a list item is no part of it
        value=value,
        unit=unit.replace("％", "%"),
        qualifier=qualifier,
        from_value=from_value,
        kind=kind,
        year=year,
        period=period,
        evidence="",  # filled by the caller from the original body
        span=(sent.start, sent.end),
        hospital=hospital,
    )


def table_facts(norm, hospital):
    """MetricFacts of the tables in the text (tables.table_metrics); a row is the evidence."""
    facts = []
    for f in table_metrics(norm):
        fact = MetricFact(
            f.name[:100],
            f.value,
            f.unit,
            QUALIFIERS.get(f.qualifier, ""),
            f.from_value,
            f.kind,
            f.year,
            "",
            "",
            (f.row.start, f.row.end),
            hospital,
        )
        fact.planned = f.planned
        facts.append(fact)
    return facts


def _dedupe(facts):
    """A fact printed twice (deck line and paragraph) is one metric; keep the later, fuller sentence."""
    kept = {}
    order = []
    for f in facts:
        # "年门诊接待量50万人次" and, later, "年门诊接待50万人次": one volume told twice.
        name = f.name[:-1] if f.name.endswith("量") and len(f.name) > 2 else f.name
        key = (f.value, f.unit, f.from_value) if f.from_value is not None else (name, f.value, f.unit, None)
        if key in kept:
            old = kept[key]
            if (f.span[1] - f.span[0]) >= (old.span[1] - old.span[0]):
                kept[key] = f
            continue
        kept[key] = f
        order.append(key)
    return [kept[k] for k in order]
