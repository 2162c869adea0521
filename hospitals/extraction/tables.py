"""Tables: rows of cells between bars, as the cleaner keeps them ("| 床位 | 800张 |").

A year-end report lists its main figures in a table with a column per year ("| 指标 | 2024年 |
2025年 |"); a profile page lists its basic facts as label and value cells ("| 编制床位 | 800张 |
开放床位 | 1050张 |"); a leadership table gives name, post and portfolio. Rows are read by their
cells, never as prose.
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from .numbers import NUMERAL, parse_number

__all__ = ["Figure", "Row", "blank_bars", "is_row", "table_metrics", "tables"]

_ROW = re.compile(r"^\| .* \|$", re.M)
# "2023年", "2023年度", "2023年完成", "2025年目标": a column per year, done or aimed at.
_YEAR_HEAD = re.compile(
    r"^((?:19|20)\d\d)年?度?(?P<status>完成|实际|实绩|目标|计划|预计|规划)?(?:值|数)?(?:[（(][^）)]*[）)])?$"
)
_AIMED = ("目标", "计划", "预计", "规划")
# A column of year-on-year change ("同比增长", "增幅") beside the year's value.
_GROWTH_HEAD = re.compile(
    r"^(?:同比|较上年|比上年)?(?:增长|增幅|增减|变化|增长率|变动)(?:率|幅度|情况)?(?:[（(]%[）)])?$"
)
# A column holding each row's unit ("| 指标 | 单位 | 2023年 | 2022年 |").
_UNIT_HEAD = re.compile(r"^(?:计量)?单位$")
_UNIT_CELL = re.compile(r"^(?:[万亿]?[\u4e00-\u9fff]{1,3}|%|％|‰|m²|㎡)$")
# A growth cell that says which way and by how much: "增长12.0%", "缩短0.5天", "下降2.2个百分点", "-3.5%".
_GROWTH_CELL = re.compile(
    r"^(?:同比)?(?P<dir>增长|增加|提高|提升|上升|下降|降低|减少|缩短|延长)?了?(?P<sign>[+\-−＋])?"
    r"(?P<num>\d+(?:\.\d+)?)(?P<unit>%|％|个百分点|[\u4e00-\u9fff]{1,3})?$"
)
_FALL = {"-": "下降", "−": "下降", "+": "增长", "＋": "增长"}
# The unit a label or header gives in brackets: "门急诊人次（万）", "金额(亿元)".
_BRACKET_UNIT = re.compile(r"[（(]([^（）()]{1,5})[）)]$")
_PRE = r"(?P<pre>近|超过|超|约|逾|达)?"
_CELL_VALUE = re.compile(
    rf"^{_PRE}(?P<num>{NUMERAL})(?P<scale>万|亿)?(?P<post>余|多)?(?P<unit>[^\d\s]{{0,4}}?)(?P<tail>以上)?$"
)
# A label names what is measured: Chinese words, not a number, a date or a person's post.
_LABEL = re.compile(r"^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z、（）()·/ ]{0,20}$")
_NOT_MEASURED = re.compile(r"^(?:指标|项目|名称|类别|内容|序号|姓名|职务|年份|年度|合计|备注|单位)$")
_DATE_UNIT = re.compile(r"^[年月日号时]")
_INDEX_LABEL = re.compile(r"(?:指数|系数|CMI|RW|率|占比|比例|比重|满意度)")


class Figure(NamedTuple):
    name: str
    value: Decimal
    unit: str
    qualifier: str  # the word as written (约, 余, 以上)
    from_value: Decimal | None
    year: int | None
    row: "Row"
    planned: bool = False
    kind: str = "level"  # "change" for a growth column's or row's figure


@dataclass(frozen=True)
class Row:
    start: int
    end: int
    cells: tuple[str, ...]


def is_row(text):
    """Whether a sentence is a table's row, or the first or last piece of one cut at a stop."""
    return " | " in text and (text.startswith("| ") or text.endswith(" |"))


def tables(norm):
    """[[Row, …], …]: runs of consecutive table rows in the text."""
    out, last_end = [], None
    for m in _ROW.finditer(norm):
        row = Row(m.start(), m.end(), tuple(c.strip() for c in m.group()[1:-1].split(" | ")))
        if last_end is not None and norm[last_end : m.start()].strip() == "":
            out[-1].append(row)
        else:
            out.append([row])
        last_end = m.end()
    return out


def blank_bars(norm):
    """The text with the bars of table rows turned into spaces, offsets kept: a leadership row
    ("| 王某 | 院长 | 主持全面工作 |") then reads as the column layout people extraction knows."""
    if "| " not in norm:
        return norm
    return _ROW.sub(lambda m: m.group().replace("|", " "), norm)


def _value(cell, unit_hint, label=""):
    """(value, unit, qualifier) of a cell that holds one number, else None."""
    m = _CELL_VALUE.match(cell.replace(" ", "").replace(",", ""))
    if not m:
        return None
    counted = _COUNTED_IN.search(label)
    if counted and not (unit_hint or m.group("scale") or m.group("unit")):
        unit_hint = counted.group()  # "| 门急诊人次 | 1,196,530 |": the label's counting word
    value = parse_number(m.group("num"))
    if value is None:
        return None
    scale, unit = m.group("scale") or "", m.group("unit") or unit_hint
    if _DATE_UNIT.match(unit):
        return None  # "| 建院时间 | 1952年 |": a date, not a figure
    unit = (unit if scale and unit.startswith(scale) else scale + unit).replace("％", "%")
    # The word that qualifies the value (约, 余, 以上), as written: the caller names it.
    qualifier = next((q for q in (m.group("pre"), m.group("post"), m.group("tail")) if q), "")
    return Decimal(value), unit, qualifier


_COUNTED_IN = re.compile(r"(?:人次|台次|例次|床日)$")


def _label(cell):
    """(name, unit hint) of a label cell, or None when the cell names nothing measured."""
    cell = cell.strip()
    hint = ""
    bracket = _BRACKET_UNIT.search(cell)
    # "病例组合指数（CMI）": letters in brackets are the measure's abbreviation, not its unit;
    # three characters are a note ("（含急诊）") unless they are a unit in a scale (万人次).
    unit = bracket.group(1) if bracket else ""
    if (
        bracket
        and not re.fullmatch(r"[A-Za-z]{2,}", unit)
        and (not re.search(r"[\u4e00-\u9fff]{3,}", unit) or re.fullmatch(r"[万亿][\u4e00-\u9fff]{1,3}", unit))
    ):
        hint, cell = bracket.group(1), cell[: bracket.start()].strip()
    if not _LABEL.match(cell) or _NOT_MEASURED.match(cell):
        return None
    return cell, hint


def _measured(name, value, unit):
    # A number with no unit is a value only for an index or a rate (CMI 0.95, 药占比 28.6).
    return bool(unit) or bool(_INDEX_LABEL.search(name))


def table_metrics(norm):
    """[(name, value, unit, qualifier word, from_value, year, Row)] of the tables in the text.

    With a column per year, a row is one figure: the latest year's value, from the first year's;
    a growth column beside it is the figure's year-on-year change. Otherwise each label cell
    followed by a value cell is a figure.
    """
    out = []
    for rows in tables(norm):
        header, years = rows[0], {}
        if (
            len(rows) > 1
            and _YEAR_HEAD.match(header.cells[0])
            and len(header.cells) == len(rows[1].cells) - 1
        ):
            # "| 2021年 | 2022年 |" over "| 医疗收入（亿元） | 9.86 | 10.92 |": the labels' column has no head.
            header = Row(header.start, header.end, ("", *header.cells))
        aimed = set()
        for i, cell in enumerate(header.cells):
            y = _YEAR_HEAD.match(cell)
            if y:
                years[i] = int(y.group(1))
                if y.group("status") in _AIMED:
                    aimed.add(i)
        growth = [i for i, cell in enumerate(header.cells) if _GROWTH_HEAD.match(cell)]
        unit_col = next((i for i, cell in enumerate(header.cells) if _UNIT_HEAD.match(cell)), None)
        if years:
            out.extend(_year_rows(rows[1:], header, years, growth, unit_col, aimed))
        elif _years_down(rows):
            out.extend(_year_columns(rows))
        elif _heads_over_values(rows):
            out.extend(_value_row(rows))
        elif _is_matrix(rows):
            out.extend(_matrix_rows(rows))
        else:
            out.extend(_pair_rows(rows))
    return [Figure(*f) for f in out]


def _year_rows(rows, header, years, growth, unit_col=None, aimed=frozenset()):
    """A row per measure: its latest year's value (from the first year's), and each target column's
    value as a planned figure ("| 四级手术占比 | % | 19.6 | 22 |" under 2023年完成, 2025年目标)."""
    cols = sorted((i for i in years if i not in aimed), key=years.get)
    _name, head_hint = _label(header.cells[0]) or ("", "")
    for row in rows:
        label = _label(row.cells[0]) if row.cells else None
        if label is None:
            continue
        name, hint = label
        unit_cell = row.cells[unit_col].strip() if unit_col is not None and unit_col < len(row.cells) else ""
        hint = hint or (unit_cell if _UNIT_CELL.match(unit_cell) else "") or head_hint
        for i in sorted(aimed, key=years.get):
            v = _value(row.cells[i], hint, name) if i < len(row.cells) else None
            if v is not None and _measured(name, v[0], v[1]):
                yield name, v[0], v[1], v[2], None, years[i], row, True
        latest = _latest(name, hint, [(years[i], row.cells[i], row) for i in cols if i < len(row.cells)])
        if latest is None:
            continue
        yield latest
        for i in growth:
            g = _growth(row.cells[i]) if i < len(row.cells) else None
            if g is not None:
                verb, change, change_unit = g
                yield name + verb, change, change_unit, "", None, latest[5], row, False, "change"


def _latest(name, hint, dated_cells):
    """The figure of a measure given year by year ([(year, cell, row)], in order): its latest year's
    value, from its first year's when both are in one unit; None when no cell holds a value."""
    values = [(y, _value(cell, hint, name), row) for y, cell, row in dated_cells]
    values = [(y, v, row) for y, v, row in values if v is not None and _measured(name, v[0], v[1])]
    if not values:
        return None
    year, (value, unit, qualifier), row = values[-1]
    first = values[0][1] if len(values) > 1 and values[0][1][1] == unit else None
    return name, value, unit, qualifier, first[0] if first else None, year, row


def _growth(cell):
    """(verb, value, unit) of a growth cell: "12.0%" is 同比增长 12.0 %, "缩短0.5天" is 缩短 0.5 天."""
    m = _GROWTH_CELL.match(cell.replace(" ", ""))
    if not m:
        return None
    unit = (m.group("unit") or "%").replace("％", "%")
    if unit != "%" and not m.group("dir") and not m.group("sign"):
        return None  # a bare count is no change named as one
    verb = m.group("dir") or _FALL.get(m.group("sign") or "", "") or "同比增长"
    return verb, Decimal(m.group("num")), unit


# Column heads that name no measure of their own ("| 项目 | 数值 |").
_VALUE_HEAD = re.compile(r"^(?:数值|数量|数据|指标值|情况|备注|说明|内容|金额|合计|小计)$")
# A row that adds up the others: its figures are the whole's.
_TOTAL = re.compile(r"^(?:合计|总计|全院|总数|共计|小计)$")


def _dated(cell):
    """(year, the rest) of a label that says its year ("2023年门急诊量（万人次）"), else (None, cell)."""
    dated = _YEAR_LABEL.match(cell)
    return (int(dated.group(1)), cell[dated.end() :]) if dated else (None, cell)


def _is_matrix(rows):
    """Measures across, parts down: "| 院区 | 开放床位（张） | 职工（人） |" over "| 本部院区 | 1,620 | 2,415 |"."""
    heads = [_dated(h)[1] for h in rows[0].cells[1:]]
    return (
        len(rows) >= 2
        and len(heads) >= 2
        and all(_label(h) is not None and not _VALUE_HEAD.match(h) for h in heads)
    )


def _matrix_rows(rows):
    years, heads = zip(*(_dated(h) for h in rows[0].cells[1:]), strict=True)
    heads = [_label(h) for h in heads]
    for row in rows[1:]:
        part = row.cells[0].replace(" ", "") if row.cells else ""
        if not part or _YEAR_HEAD.match(part):
            continue
        whole = bool(_TOTAL.match(part))
        if not whole and _label(part) is None:
            continue
        for (name, hint), year, cell in zip(heads, years, row.cells[1:], strict=False):
            v = _value(cell, hint, name)
            if v is not None and _measured(name, v[0], v[1]):
                yield (name if whole else part + name), v[0], v[1], v[2], None, year, row


_YEAR_COLUMN_HEAD = re.compile(r"^(?:年份|年度|时间|年|指标)$")


def _years_down(rows):
    """A table turned on its side: "| 年份 | 门急诊量（万人次） | 出院患者（人次） |" over a row per year
    (and perhaps a row of growths, "| 同比增长 | 8.6% | … |")."""
    body = [r for r in rows[1:] if r.cells and not _GROWTH_HEAD.match(r.cells[0])]
    return (
        len(body) >= 2
        and _YEAR_COLUMN_HEAD.match(rows[0].cells[0])
        and all(_YEAR_HEAD.match(r.cells[0]) for r in body)
    )


def _heads_over_values(rows):
    """Measures across and one row of their values: "| 平均住院日（天） | CMI值 |" over "| 7.3 | 0.98 |"."""
    return (
        len(rows) == 2
        and len(rows[0].cells) == len(rows[1].cells) >= 2
        and all(_label(c) is not None and not _YEAR_HEAD.match(c) for c in rows[0].cells)
        and all(_label(c) is None for c in rows[1].cells)
    )


def _value_row(rows):
    for cell, value in zip(rows[0].cells, rows[1].cells, strict=True):
        name, hint = _label(cell)
        v = _value(value, hint, name)
        if v is not None and _measured(name, v[0], v[1]):
            yield name, v[0], v[1], v[2], None, None, rows[1]


def _year_columns(rows):
    header = rows[0]
    growths = [r for r in rows[1:] if r.cells and _GROWTH_HEAD.match(r.cells[0])]
    body = [r for r in rows[1:] if r not in growths]
    by_year = sorted(body, key=lambda r: int(_YEAR_HEAD.match(r.cells[0]).group(1)))
    for j, cell in enumerate(header.cells[1:], start=1):
        label = _label(cell)
        if label is None:
            continue
        name, hint = label
        latest = _latest(
            name,
            hint,
            [
                (int(_YEAR_HEAD.match(r.cells[0]).group(1)), r.cells[j], r)
                for r in by_year
                if j < len(r.cells)
            ],
        )
        if latest is None:
            continue
        yield latest
        for g_row in growths:
            g = _growth(g_row.cells[j]) if j < len(g_row.cells) else None
            if g is not None:
                yield name + g[0], g[1], g[2], "", None, latest[5], g_row, False, "change"


_SHARE_CELL = re.compile(r"[（(](?:占|约占)(?:比|全院|总数)?(\d+(?:\.\d+)?)[%％][）)]$")
# "| 2023年门急诊量 | 48.6万人次 |": the label says the year of its value.
_YEAR_LABEL = re.compile(r"^((?:19|20)\d\d)年度?")


def _pair_rows(rows):
    for row in rows:
        cells = row.cells
        for i in range(len(cells) - 1):
            year, labelled = _dated(cells[i])
            label = _label(labelled)
            if label is None:
                continue
            name, hint = label
            cell = cells[i + 1]
            share = _SHARE_CELL.search(cell)
            if share:
                # "| 卫生技术人员 | 1782人（占87.5%） |": the count, and its share of the staff.
                cell = cell[: share.start()].strip()
                yield name + "占比", Decimal(share.group(1)), "%", "", None, year, row
            names, values = name.split("/"), cell.split("/")
            if len(names) > 1 and len(names) == len(values):
                # "| 博士/硕士 | 21人/436人 |": paired labels and values.
                for part, value in zip(names, values, strict=True):
                    v = _value(value, hint, part)
                    if part and v is not None and v[1]:
                        yield part.strip(), v[0], v[1], v[2], None, year, row
                continue
            v = _value(cell, hint, name)
            if v is not None and v[1] and _label(cell) is None:
                yield name, v[0], v[1], v[2], None, year, row
