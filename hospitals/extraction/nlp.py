"""A private jieba tokenizer (the global one belongs to search) with a few domain words."""

from functools import lru_cache

DOMAIN_WORDS = (
    "满意度",
    "占比",
    "发生率",
    "上线率",
    "结业率",
    "就业率",
    "重点专科",
    "特色专科",
    "卫生室",
    "卫生院",
    "医联体",
    "医共体",
    "专科联盟",
    "接种点",
    "风险点",
    "新技术",
    "新业务",
    "新项目",
    "党支部",
    "党总支",
    "基层党组织",
    "科研成果",
    "临床试验",
    "日间手术",
    "择期手术",
    "手术间",
    "诊室",
    "牙椅",
    "微创手术",
    "论文",
    "人才",
    "专家",
    "医务人员",
    "医护人员",
    "床位",
    "本科",
    "硕士研究生",
    "博士研究生",
    "研究生",
    "门诊量",
    "出院人次",
    "手术量",
    "工作室",
    "线上",
    "线下",
    "MDT",
    "SCI",
    # Basic facts of profile pages and year-end reports.
    "在岗职工",
    "在编职工",
    "在职职工",
    "职工总数",
    "卫生技术人员",
    "卫生专业技术人员",
    "卫技人员",
    "专业技术人员",
    "高级职称",
    "正高职称",
    "副高职称",
    "中级职称",
    "初级职称",
    "博士生导师",
    "硕士生导师",
    "编制床位",
    "核定床位",
    "开放床位",
    "实际开放床位",
    "占地面积",
    "建筑面积",
    "业务用房",
    "门急诊量",
    "门急诊人次",
    "出院患者",
    "住院病人",
    "业务收入",
    "医疗收入",
    "总收入",
    "固定资产",
    "总资产",
    "设备总值",
    "手术台次",
    "手术例数",
    "手术量",
    "门诊人次",
    "急诊人次",
    "住院人次",
    "诊疗人次",
    "门急诊诊疗人次",
    "分娩量",
    "接产量",
    "病床使用率",
    "床位使用率",
    "平均住院日",
    "名中医",
    "正高级职称",
    "副高级职称",
    "正高",
    "副高",
    "正高级",
    "副高级",
)


@lru_cache(maxsize=1)
def tokenizer():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    base = jieba.Tokenizer()
    for word in DOMAIN_WORDS:
        base.add_word(word, freq=20000, tag="n")
    return jieba.posseg.POSTokenizer(base)


def tag(text):
    """[(word, flag)] for `text`."""
    return [(p.word, p.flag) for p in tokenizer().cut(text)]
