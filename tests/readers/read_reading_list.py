"""Reads a reading-list export back with a real reader and prints what it got as JSON.

Usage: read_reading_list.py READER PATH
  bib   bibtexparser 2 (parse), then pylatexenc (bibtexparser's own LaTeX decoder) with the
        standard text macros \\textless, \\textgreater and \\textasciicircum decoded to their
        characters (pylatexenc's defaults drop the first two and give U+02C6 for the third)
  ris   rispy.load
  csl   json, then a jsonschema check against tests/readers/csl-data.schema.json

Output: [{"key", "type", "title", "authors": [...], "year", "venue", "doi", "eprint", "url", "note"}]
"""

import json
import os
import sys


def bib(path):
    import bibtexparser
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    db = get_default_latex_context_db().filter_context()
    db.add_context_category(
        "text-symbols",
        prepend=True,
        macros=[
            MacroTextSpec("textless", "<"),
            MacroTextSpec("textgreater", ">"),
            MacroTextSpec("textasciicircum", "^"),
        ],
    )
    decoder = LatexNodes2Text(latex_context=db)
    with open(path, encoding="utf-8") as f:
        library = bibtexparser.parse_string(f.read())
    if library.failed_blocks:
        sys.exit(f"bibtexparser failed on {len(library.failed_blocks)} blocks: {library.failed_blocks[0].error}")
    out = []
    for e in library.entries:
        fields = {k: v.value for k, v in e.fields_dict.items()}
        text = lambda k: decoder.latex_to_text(fields[k]) if k in fields else None
        authors = []
        if "author" in fields:
            for name in fields["author"].split(" and "):
                authors.append(decoder.latex_to_text(name))
        out.append(
            {
                "key": e.key,
                "type": e.entry_type,
                "title": text("title"),
                "authors": authors,
                "year": fields.get("year"),
                "venue": text("journal"),
                "doi": fields.get("doi"),
                "eprint": fields.get("eprint"),
                "archiveprefix": fields.get("archiveprefix"),
                "url": fields.get("url"),
                "note": text("note"),
                "raw_title": fields.get("title"),
            }
        )
    return out


def ris(path):
    import rispy

    with open(path, encoding="utf-8") as f:
        records = rispy.load(f)
    return [
        {
            "key": r.get("id"),
            "type": r.get("type_of_reference"),
            "title": r.get("title"),
            "authors": r.get("authors", []),
            "year": r.get("year"),
            "venue": r.get("journal_name"),
            "doi": r.get("doi"),
            "eprint": r.get("accession_number"),
            "url": (r.get("urls") or [None])[0],
            "note": (r.get("notes") or [None])[0],
        }
        for r in records
    ]


def csl(path):
    import jsonschema

    with open(path, encoding="utf-8") as f:
        items = json.load(f)
    schema_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "csl-data.schema.json")
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.validate(items, schema, cls=jsonschema.Draft7Validator)

    def name(n):
        return n["literal"] if "literal" in n else f"{n['family']}, {n['given']}"

    return [
        {
            "key": i["id"],
            "type": i["type"],
            "title": i.get("title"),
            "authors": [name(n) for n in i.get("author", [])],
            "year": str(i["issued"]["date-parts"][0][0]) if "issued" in i else None,
            "venue": i.get("container-title"),
            "doi": i.get("DOI"),
            "eprint": i.get("number"),
            "url": i.get("URL"),
            "note": i.get("note"),
        }
        for i in items
    ]


def main():
    reader, path = sys.argv[1], sys.argv[2]
    out = {"bib": bib, "ris": ris, "csl": csl}[reader](path)
    json.dump(out, sys.stdout, ensure_ascii=True)


if __name__ == "__main__":
    main()
