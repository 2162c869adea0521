from articles.parsing import ParsedArticle, Section
from hospitals.extraction import extract


def people_of(*paragraphs, authors=(), captions=()):
    parsed = ParsedArticle(
        title="中山大学附属第一医院",
        authors=list(authors),
        captions=list(captions),
        sections=[Section("", ["中山大学附属第一医院推进党建工作。", *paragraphs])],
    )
    return {p.name: p for p in extract(parsed).people}


def test_it_merges_chained_titles_of_one_person():
    people = people_of("院党委副书记、院长欧阳明带队调研。随后，院长欧阳明主持会议。")
    assert people["欧阳明"].titles == ["党委副书记", "院长"]


def test_names_end_at_a_boundary_and_are_never_sentence_fragments():
    people = people_of(
        "党委书记王刚接受采访。副院长李丽表示，护理部主任赵敏来到病区。以纪委书记孙强为组长成立专班。"
    )
    assert set(people) == {"王刚", "李丽", "赵敏", "孙强"}
    assert people["孙强"].titles == ["纪委书记"]


def test_reporters_are_not_hospital_people():
    people = people_of("记者张华 通讯员刘洋报道。院长陈明说。", authors=["张华", "刘洋"])
    assert set(people) == {"陈明"}


def test_a_title_after_another_hospitals_name_belongs_to_that_hospital():
    parsed = ParsedArticle(
        title="佛山市第一人民医院",
        sections=[
            Section(
                "", ["佛山市第一人民医院与广州市妇女儿童医疗中心合作。", "南海区人民医院院长吴涛参加签约。"]
            )
        ],
    )
    ex = extract(parsed)
    person = next(p for p in ex.people if p.name == "吴涛")
    assert person.hospital == "南海区人民医院"


def test_leaders_in_photo_captions_are_found():
    people = people_of(captions=["院党委书记黄刚为新党员佩戴党徽"])
    assert people["黄刚"].evidence == "院党委书记黄刚为新党员佩戴党徽"
