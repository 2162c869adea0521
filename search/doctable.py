"""Facet values of every document of an index as numpy arrays (see DocTable)."""

import numpy as np

FACET_COLUMNS = (("province", 2), ("hospital", 3), ("category", 4))


class DocTable:
    """Facet values of every document of a reader as arrays.

    `kind` and `day` hold one code per docnum; a multi-valued facet (province, hospital,
    category) is a pair of parallel arrays (owner docnum, value code) with the value names,
    so counting over a hundred thousand matches is a couple of numpy calls.
    """

    def __init__(self, size, kind_names, kind, day, values, article):
        self.size = size
        self.kind_names = kind_names
        self.kind = kind
        self.day = day
        self.article = article  # article pk of each docnum (its own, or its fact's), -1 if none
        self.values = values  # name -> (value names, {name: code}, owners, codes)
        self._derived = {}

    @classmethod
    def from_rows(cls, rows):
        kind_names = sorted({row[0] for row in rows})
        codes = {name: i for i, name in enumerate(kind_names)}
        kind = np.fromiter((codes[row[0]] for row in rows), dtype=np.int16, count=len(rows))
        day = np.fromiter((row[1] for row in rows), dtype=np.int64, count=len(rows))
        article = np.fromiter((row[5] for row in rows), dtype=np.int64, count=len(rows))
        values = {}
        for name, position in FACET_COLUMNS:
            names, codes, owners, found = [], {}, [], []
            for docnum, row in enumerate(rows):
                for value in row[position]:
                    code = codes.get(value)
                    if code is None:
                        code = codes[value] = len(names)
                        names.append(value)
                    owners.append(docnum)
                    found.append(code)
            values[name] = (names, codes, np.array(owners, dtype=np.int64), np.array(found, dtype=np.int64))
        return cls(len(rows), kind_names, kind, day, values, article)

    @classmethod
    def combine(cls, parts):
        """One table for segments laid end to end: [(table, docnum offset)]."""
        kind_names = sorted({name for table, _ in parts for name in table.kind_names})
        codes = {name: i for i, name in enumerate(kind_names)}

        def recode(names, mapping):
            return np.array([mapping[n] for n in names] or [0], dtype=np.int64)

        kind = np.concatenate(
            [recode(t.kind_names, codes)[t.kind] for t, _ in parts] or [np.zeros(0, np.int16)]
        ).astype(np.int16)
        day = np.concatenate([t.day for t, _ in parts] or [np.zeros(0, np.int64)])
        article = np.concatenate([t.article for t, _ in parts] or [np.zeros(0, np.int64)])
        values = {}
        for name, _position in FACET_COLUMNS:
            names, mapping, owners, found = [], {}, [], []
            for table, offset in parts:
                part_names, _codes, part_owners, part_codes = table.values[name]
                for value in part_names:
                    if value not in mapping:
                        mapping[value] = len(names)
                        names.append(value)
                owners.append(part_owners + offset)
                found.append(recode(part_names, mapping)[part_codes] if len(part_codes) else part_codes)
            values[name] = (
                names,
                mapping,
                np.concatenate(owners) if owners else np.zeros(0, np.int64),
                np.concatenate(found) if found else np.zeros(0, np.int64),
            )
        return cls(sum(t.size for t, _ in parts), kind_names, kind, day, values, article)

    def holding(self, name, value):
        """Boolean array over docnums: documents whose facet `name` includes `value`."""
        _names, codes, owners, values = self.values[name]
        mask = np.zeros(self.size, dtype=bool)
        code = codes.get(value)
        if code is not None:
            mask[owners[values == code]] = True
        return mask

    def counts(self, name, docs):
        """{value: number of `docs` having it}, most frequent first (ties by name)."""
        if name == "type":
            names = self.kind_names
            found = np.bincount(self.kind[docs], minlength=len(names))
        else:
            names, _codes, owners, values = self.values[name]
            chosen = np.zeros(self.size, dtype=bool)
            chosen[docs] = True
            found = np.bincount(values[chosen[owners]], minlength=len(names))
        present = np.flatnonzero(found)
        order = present[np.lexsort((self._name_rank(name)[present], -found[present]))]
        return dict(zip(self._name_array(name)[order].tolist(), found[order].tolist(), strict=True))

    def _name_array(self, name):
        key = ("names", name)
        if key not in self._derived:
            names = self.kind_names if name == "type" else self.values[name][0]
            self._derived[key] = np.array(names, dtype=object)
        return self._derived[key]

    def _name_rank(self, name):
        key = ("rank", name)
        if key not in self._derived:
            names = self._name_array(name)
            rank = np.empty(len(names), dtype=np.int64)
            rank[sorted(range(len(names)), key=names.__getitem__)] = np.arange(len(names))
            self._derived[key] = rank
        return self._derived[key]
