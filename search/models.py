"""Tables of the postgres search backend (SEARCH_BACKEND=postgres, see search.backends.postgres).

An index build is a set of immutable segments, as in Whoosh or Lucene: a segment's documents
and posting arrays never change once written; a record saved later goes into a new small
segment and its old document is marked deleted; small segments are merged now and then. A web
node keeps decoded segments in memory keyed by their uid, so it reads from the database only
what changed since its last query (the build's `state` says when anything did).
"""

import uuid

from django.db import models


class IndexBuild(models.Model):
    """One complete index of every record; readers use the current one, a rebuild fills another."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    current = models.BooleanField(default=False)
    complete = models.BooleanField(default=False)
    # Replaced by every write, so a reader sees with one query whether its copy is up to date.
    state = models.UUIDField(default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    built_at = models.DateTimeField(null=True, blank=True)
    analyzer_version = models.CharField(max_length=20)
    dictionary_version = models.CharField(max_length=40)
    dictionary = models.JSONField(default=list)  # the user words its documents were segmented with
    doc_count = models.IntegerField(default=0)  # live documents

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["current"], condition=models.Q(current=True), name="search_one_current_build"
            )
        ]

    def __str__(self):
        return f"index build {self.uid} ({'current' if self.current else 'not current'})"


class IndexSegment(models.Model):
    build = models.ForeignKey(IndexBuild, on_delete=models.CASCADE, related_name="segments")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    doc_count = models.IntegerField()  # documents written, deleted ones included
    meta = models.BinaryField()  # each document's facet values (search.fields.encode_meta), joined
    lengths = models.BinaryField()  # uint32 field lengths, one row of doc_count per scored field
    # Merged into a newer segment: readers that loaded it a moment ago may still read it, so it
    # is dropped a little later.
    retired_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"segment {self.uid} ({self.doc_count} documents)"


class IndexDocument(models.Model):
    segment = models.ForeignKey(IndexSegment, on_delete=models.CASCADE, related_name="documents")
    docnum = models.IntegerField()
    key = models.CharField(max_length=40)
    deleted = models.BooleanField(default=False)
    stored = models.JSONField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["segment", "docnum"], name="search_doc_number")]
        indexes = [
            models.Index(fields=["key"], name="search_doc_key"),
            models.Index(fields=["segment"], condition=models.Q(deleted=True), name="search_doc_deleted"),
        ]

    def __str__(self):
        return self.key


class IndexTerm(models.Model):
    """A term's postings in one segment: ascending docnums, weights (occurrences) and, for
    literal fields, every position (grouped by posting, as many as its weight)."""

    segment = models.ForeignKey(IndexSegment, on_delete=models.CASCADE, related_name="terms")
    field = models.SmallIntegerField()
    # UTF-8 bytes: byte order is code point order, so the terms a character starts are a range.
    term = models.BinaryField()
    frequency = models.IntegerField()
    ids = models.BinaryField()  # uint32 little-endian
    weights = models.BinaryField()  # uint32 little-endian
    positions = models.BinaryField(null=True)  # uint32 little-endian

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["segment", "field", "term"], name="search_term_postings")
        ]

    def __str__(self):
        return bytes(self.term).decode("utf-8", "replace")


class IndexPending(models.Model):
    """Keys saved while a rebuild runs: replayed into the new build before it becomes current."""

    build = models.ForeignKey(IndexBuild, on_delete=models.CASCADE, related_name="pending")
    key = models.CharField(max_length=40)

    def __str__(self):
        return self.key
