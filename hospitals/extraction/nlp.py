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
