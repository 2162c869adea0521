"""Repairs for text copied from web pages and OCR: pinyin annotations, lost characters, stray
markup and ASCII punctuation between Chinese characters.

Each function works on one line and runs in time linear in its length (single-pass regexes with
bounded look-arounds), so a pathological multi-megabyte line costs no more than its size.
"""

import html
import re

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# A pinyin reading in brackets right after a character: 醫(yī)院, 衛（wèi）生, 重(chong2)庆.
# It must carry a tone (a marked vowel or a tone digit), so (CT), (DRG) and (a) stay.
_TONED_SYLLABLES = rf"[a-zü]*[{_TONED}][a-zü{_TONED}]*(?: [a-zü]*[{_TONED}][a-zü{_TONED}]*){{0,5}}"
_PINYIN_NOTE = re.compile(
    rf"(?<=[{_HAN}])[ \t]?[(（][ \t]?"
    rf"(?:{_TONED_SYLLABLES}|[a-züv]{{1,6}}[1-5](?: [a-züv]{{1,6}}[1-5]){{0,5}})"
    r"[ \t]?[)）]"
    # Neutral-tone syllables carry no mark (的(de), 我们(men)): only after the characters read so.
    r"|(?<=[的地得了着著过過们們么麼呢吗嗎吧啊子头頭])[ \t]?[(（][ \t]?"
    r"(?:de|di|le|zhe|guo|men|me|ne|ma|ba|zi|tou)[ \t]?[)）]"
)
# Characters a web page lost in a wrong encoding show as "?" inside Chinese text: 醫院??長,
# 院?長. A question uses a full-width ？ or ends the line; a "?" with Chinese on both sides, or a
# run of them next to Chinese, is a lost character. They become the printer's 〓 (a missing glyph)
# so that nothing reads them as the end of a sentence.
_LOST_RUN = re.compile(
    rf"(?<=[{_HAN}])\?{{2,}}|\?{{2,}}(?=[{_HAN}])|(?<=[{_HAN}])(?<![吗呢么吧啊嘛])\?(?=[{_HAN}])"
    # A page saved in a narrower encoding shows its lost characters as full-width ？？, as □ or as
    # the replacement character: a run of two ？ inside Chinese text is no question (one ？ may be),
    # and □ or U+FFFD next to Chinese or digits never is text.
    rf"|(?<=[{_HAN}])(?<![吗呢么吧啊嘛嗎麼])？{{2,}}(?=[{_HAN}\d])"
    rf"|(?<=[{_HAN}\d])[□\ufffd]+|[□\ufffd]+(?=[{_HAN}\d])"
)
LOST_CHARACTER = "〓"
# Some sites and forums mask the character 党 as "*": "医院*委书记", "卫健委*组成员", "*支部". Where
# the words after the mask only exist with 党, the character is put back.
_MASKED_PARTY = re.compile(
    r"(?<![0-9A-Za-z*＊])[*＊](?="
    r"(?:委|组|总支|支部|工委)(?:书记|副书记|委员|成员|会|办|班子|领导|中心组)|建(?:工作|引领|品牌)|风廉政|员(?:干部|示范|先锋))"
)
# Tags left in plain text (`<p>`, `<br/>`, `</span>`) and character entities (&nbsp; &amp;).
_TAG = re.compile(
    r"</?(?:p|br|div|span|font|strong|b|i|em|u|a|img|table|tr|td|th|tbody|ul|ol|li|h[1-6]|section|"
    r"article|center|sup|sub|small|big|label|style|script)(?:\s[^<>]{0,300})?/?>",
    re.IGNORECASE,
)
# Left-overs a browser does not show: comments, zero-width spaces and joiners, soft hyphens, a BOM
# in mid-text. Inside a name they would split it (医\u200b院).
_COMMENT = re.compile(r"<!--.{0,500}?-->")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")
# Where a copied page had a picture or a video: [图片], 【圖片】, [img], [视频2].
_MEDIA_MARK = re.compile(
    r"[\[【](?:[图圖]片|[图圖]|[视視][频頻]|img|image|photo|pic|video)\d{0,3}[\]】]", re.IGNORECASE
)

# ASCII punctuation an OCR pass or a web editor left between Chinese characters. Chinese on
# either side (or a Chinese closing mark before it) makes it Chinese punctuation; digits, Latin
# text and URLs keep theirs (1,000; 10:30; http://; CT,MRI).
_CJK_LEFT = rf"[{_HAN}”’）》」』】、。]"
_CJK_RIGHT = rf"[{_HAN}“‘（《「『【]"
_PUNCT = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_ASCII_PUNCT = re.compile(
    rf"(?<={_CJK_LEFT})[ \t]*([,:;?!])(?!//)[ \t]*|[ \t]*([,;?!])[ \t]*(?={_CJK_RIGHT})"
)
# A full stop typed as "." after Chinese text, before more Chinese or the end of the line.
_ASCII_STOP = re.compile(rf"(?<=[{_HAN}”）])\.(?=[{_HAN}“（]|[ \t]*$)")
# ... or after a figure a sentence ends on (CMI值0.91.据了解; 满意度为94.2%. at the line's end). A
# figure not preceded by Chinese text (a line's "1.", "。2." opening a list item) is a numbering.
_ASCII_STOP_AFTER_FIGURE = re.compile(
    rf"(?<=[{_HAN}])(\d+(?:\.\d+)?(?:%|‰|[{_HAN}]{{0,3}}))\.(?=[{_HAN}“（]|[ \t]*$)"
)
# A comma after a percentage before Latin text is the sentence's (占比17.3%,CMI值).
_ASCII_COMMA_AFTER_PERCENT = re.compile(r"(?<=%),(?=[A-Za-z])")
# Brackets around Chinese text: 医院(集团) -> 医院（集团）. ASCII inside stays ASCII: (CT) (2023).
_ASCII_PARENS = re.compile(rf"\(([^()\n]{{0,60}}?[{_HAN}][^()\n]{{0,60}}?)\)")


def strip_pinyin(line):
    return _PINYIN_NOTE.sub("", line)


def mark_lost_characters(line):
    return _LOST_RUN.sub(lambda m: LOST_CHARACTER * len(m.group()), line)


def restore_masked_party(line):
    return _MASKED_PARTY.sub("党", line) if ("*" in line or "＊" in line) else line


def strip_markup(line):
    line = _INVISIBLE.sub("", line)
    if "<!--" in line:
        line = _COMMENT.sub("", line)
    if "[" in line or "【" in line:
        line = _MEDIA_MARK.sub("", line)
    if "<" in line:
        line = _TAG.sub("", line)
    if "&" in line:
        line = _ENTITY.sub(lambda m: html.unescape(m.group()), line).replace("\xa0", " ")
    return line


def restore_chinese_punctuation(line):
    """ASCII , : ; ? ! ( ) between Chinese characters become their full-width forms."""

    def punct(m):
        mark = next(g for g in m.groups() if g)
        return _PUNCT[mark]

    line = _ASCII_PUNCT.sub(punct, line)
    line = _ASCII_STOP.sub("。", line)
    if "." in line:
        line = _ASCII_STOP_AFTER_FIGURE.sub(r"\1。", line)
    if "%," in line:
        line = _ASCII_COMMA_AFTER_PERCENT.sub("，", line)
    return _ASCII_PARENS.sub(r"（\1）", line)


def repair_line(line):
    """All repairs, in the order they depend on each other (pinyin notes are brackets, so they go
    before brackets turn full-width; lost "?" before "?" turns into ？)."""
    return restore_chinese_punctuation(
        mark_lost_characters(strip_pinyin(restore_masked_party(strip_markup(line))))
    )
