#!/usr/bin/env python3
"""Asks Python's re what each pattern of the table below does to each text, and writes the answers to
fixtures/python-re/cases.json, which test/unit/regex/python-regex.test.ts compares Forwarder with (the tests
need no Python). Run from the repository root after changing the table: python3 scripts/python-re/fixture.py

The Datadog Forwarder 5.4.11 (aws/logs_monitoring) uses these patterns so:
- INCLUDE_AT_MATCH / EXCLUDE_AT_MATCH: re.compile(pattern) (logs/helpers.py compileRegex), then
  re.search(compiled, str(log)) (logs/datadog_matcher.py DatadogMatcher.match): "search".
- REDACT_IP, REDACT_EMAIL, DD_SCRUBBING_RULE: re.compile(pattern).sub(DD_SCRUBBING_RULE_REPLACEMENT, payload)
  (logs/datadog_scrubber.py DatadogScrubber.scrub): "sub".
- DD_MULTILINE_LOG_REGEX_PATTERN: re.compile("^" + pattern).match(data) decides whether an S3 object is split on
  the pattern (steps/handlers/s3_handler.py): "match".
No flags are passed anywhere: only inline flags change a pattern's meaning.

A case marked "unsupported" is one Python accepts and Forwarder refuses with a ConfigError naming the construct.
"""
import json
import re

REDACT_IP = r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}"  # settings.py SCRUBBING_RULE_CONFIGS, 5.4.11
REDACT_EMAIL = r"[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+"

UNICODE_TEXTS = ["café", "naïve résumé", "日本語テキスト", "Ωmega", "x\u00a0y", "١٢٣", "٣.١٤", "a\u2028b", "a\x1cb", "ǅ", "𝔘nicode"]
NEWLINE_TEXTS = ["", "ERROR", "ERROR\n", "ERROR\n\n", "ERROR\nmore", "line one\nERROR", "\n", "a\r\n"]

CASES = [
    # Inline flags: today they make the configuration invalid.
    {"pattern": "(?i)error", "texts": ["ERROR here", "an Error", "none", "ſ", "ERROR\n"]},
    {"pattern": "(?i)k", "texts": ["K", "\u212a", "k", "x"]},
    {"pattern": "(?i)straße", "texts": ["STRASSE", "STRAßE", "straße"]},
    {"pattern": "(?s)start.*end", "texts": ["start\nmiddle\nend", "start end", "start\n"]},
    {"pattern": "start.*end", "texts": ["start\nmiddle\nend", "start end"]},
    {"pattern": "(?m)^ERROR$", "texts": NEWLINE_TEXTS},
    {"pattern": "(?x) ERROR \\s+ \\d+  # a comment", "texts": ["ERROR 42", "ERROR42", "ERROR  7\n"]},
    {"pattern": "(?x)[ ]a", "texts": [" a", "a"]},
    {"pattern": "(?a)\\w+", "texts": ["café", "日本", "_"]},
    {"pattern": "(?i:error) XYZ", "texts": ["ERROR XYZ", "error xyz"]},
    {"pattern": "(?i)a(?-i:b)", "texts": ["AB", "Ab", "ab"]},
    {"pattern": "(?u)\\w", "texts": ["é"]},
    # Named groups and group references.
    {"pattern": "(?P<level>ERROR|WARN): (?P<code>\\d+)", "texts": ["ERROR: 42", "WARN: x", "INFO: 1"],
     "sub": "\\g<level>=\\g<code>"},
    {"pattern": "(?P<a>x)(?P=a)", "texts": ["xx"], "unsupported": "back reference by name"},
    {"pattern": "(a)\\1", "texts": ["aa"], "unsupported": "back reference"},
    # $ before a trailing newline, \Z, \A, ^.
    {"pattern": "ERROR$", "texts": NEWLINE_TEXTS, "sub": "X"},
    {"pattern": "^ERROR$", "texts": NEWLINE_TEXTS},
    {"pattern": "ERROR\\Z", "texts": NEWLINE_TEXTS},
    {"pattern": "\\AERROR", "texts": NEWLINE_TEXTS},
    {"pattern": "^ERROR", "texts": NEWLINE_TEXTS},
    {"pattern": "(ERROR|WARN)$", "texts": NEWLINE_TEXTS + ["WARN\n"], "sub": "[\\1]"},
    {"pattern": "\\s+$", "texts": ["a  \n", "a \n\n", "a", "a  "], "sub": "!"},
    {"pattern": "$", "texts": ["", "a", "a\n", "a\nb"], "sub": "|"},
    {"pattern": "x$y", "texts": ["x\ny", "xy"]},
    {"pattern": "a$\\n", "texts": ["a\n"], "unsupported": "`$` followed by more of the pattern"},
    {"pattern": "(?m)a$", "texts": ["a\nb", "ba", "a\r\n"]},
    # Unicode classes.
    {"pattern": "\\w+", "texts": UNICODE_TEXTS, "sub": "W"},
    {"pattern": "^\\w+$", "texts": UNICODE_TEXTS},
    {"pattern": "\\W", "texts": UNICODE_TEXTS},
    {"pattern": "\\d", "texts": UNICODE_TEXTS + ["²", "½", "٣"]},
    {"pattern": "\\s", "texts": UNICODE_TEXTS + ["\x0b", "\x85", "\ufeff", "\u200b"]},
    {"pattern": "[\\w-]+", "texts": ["café-crème", "--"], "sub": "_"},
    {"pattern": "[^\\W\\d]+", "texts": ["abc123", "é٣"], "sub": "L"},
    {"pattern": "[\\S]", "texts": [" ", "\u3000", "é"]},
    {"pattern": "\\bERROR\\b", "texts": ["an ERROR here", "ERRORS", "éERROR", "ERRORé", "_ERROR", "ERROR"], "sub": "E"},
    {"pattern": "\\b\\d+\\b", "texts": ["code 42 ok", "x42", "é42", "42é", "٤٢"], "sub": "N"},
    {"pattern": "\\bcafé\\b", "texts": ["un café noir", "cafés", "décafé"]},
    {"pattern": "\\w+\\b:", "texts": ["key: v", "clé: v", "a :"]},
    {"pattern": "\\Bfoo", "texts": ["xfoo", "éfoo", " foo", "foo"]},
    {"pattern": "foo\\B", "texts": ["foox", "fooé", "foo ", "foo"]},
    {"pattern": "\\b", "texts": ["", "a", " ", "é"], "sub": "|"},
    {"pattern": "\\b.*x", "texts": ["a x"], "unsupported": "\\b"},
    # Lookbehind runs; lookahead, conditionals, atomic groups and possessive repeats are refused.
    {"pattern": "(?<=user=)\\w+", "texts": ["user=bob", "user=", "id=bob"], "sub": "***"},
    {"pattern": "(?<!no )error", "texts": ["no error", "an error"]},
    {"pattern": "error(?=:)", "texts": ["error:"], "unsupported": "lookahead"},
    {"pattern": "error(?!:)", "texts": ["error"], "unsupported": "lookahead"},
    {"pattern": "(a)?(?(1)b|c)", "texts": ["ab"], "unsupported": "conditional"},
    {"pattern": "(?>a+)b", "texts": ["aab"], "unsupported": "atomic group"},
    {"pattern": "a++b", "texts": ["aab"], "unsupported": "possessive"},
    {"pattern": "a{1001}", "texts": ["a"], "unsupported": "repeat count"},
    {"pattern": "\\N{BULLET}", "texts": ["\u2022"], "unsupported": "named character"},
    # Catastrophic in Python, linear here (a short text: Python itself must answer).
    {"pattern": "^(a+)+$", "texts": ["a" * 12 + "!", "aaaa", "aaaa\n"]},
    {"pattern": "(x+x+)+y", "texts": ["x" * 12, "xxy"]},
    # Escapes, classes, repeats, literals.
    {"pattern": "\\x41\\u00e9\\U0001F600\\t\\n\\0\\101", "texts": ["Aé😀\t\n\x00A", "A"]},
    {"pattern": "[]a]", "texts": ["]", "a", "b"]},
    {"pattern": "[^]a]", "texts": ["]", "b"]},
    {"pattern": "[a-]", "texts": ["-", "a", "b"]},
    {"pattern": "[\\b]", "texts": ["\b", "b"]},
    {"pattern": "a{,2}b", "texts": ["aaab", "b"], "sub": "X"},
    {"pattern": "a{2}", "texts": ["aa", "a"]},
    {"pattern": "a{}", "texts": ["a{}", "a"]},
    {"pattern": "a{", "texts": ["a{", "a"]},
    {"pattern": "x{1,2}?", "texts": ["xx"], "sub": "-"},
    {"pattern": "x*", "texts": ["abxd", ""], "sub": "-"},
    {"pattern": "\\.", "texts": ["a.b", "ab"]},
    {"pattern": "😀+", "texts": ["😀😀", "x"], "sub": "E"},
    {"pattern": "[😀-😂]", "texts": ["😁", "a"]},
    {"pattern": "\"eventName\": \"ListUsers\"", "texts": ['{"eventName": "ListUsers"}', '{"eventName":"ListUsers"}']},
    {"pattern": "(?#a comment)abc", "texts": ["abc"]},
    # Replacement templates.
    {"pattern": "(\\w+)@(\\w+)", "texts": ["bob@example"], "sub": "\\2 at \\1"},
    {"pattern": "(\\w+)@(\\w+)", "texts": ["bob@example"], "sub": "\\\\1"},
    {"pattern": "(\\w+)@", "texts": ["bob@x"], "sub": "\\n\\t\\\\\\."},
    {"pattern": "(a)|(b)", "texts": ["ab"], "sub": "[\\2]"},
    {"pattern": "a", "texts": ["a"], "sub": "\\g<0>\\g<0>"},
    {"pattern": "a", "texts": ["a"], "sub": "\\x41"},
    {"pattern": "a", "texts": ["a"], "sub": "\\1"},
    # Patterns Python refuses.
    {"pattern": "(", "texts": []},
    {"pattern": "a**", "texts": []},
    {"pattern": "*a", "texts": []},
    {"pattern": "[z-a]", "texts": []},
    {"pattern": "\\e", "texts": []},
    {"pattern": "(?L)a", "texts": []},
    {"pattern": "a(?i)b", "texts": []},
    {"pattern": "[\\d-z]", "texts": []},
    {"pattern": "(?<name>a)", "texts": []},
    # The Datadog Forwarder's built-in rules.
    {"name": "REDACT_IP", "pattern": REDACT_IP, "sub": "xxx.xxx.xxx.xxx",
     "texts": ["from 10.0.0.1 to 192.168.100.200", "version 1.2.3.4.5", "١٠.٠.٠.١", "\u000110.1.2.3", "no ip", "1234.1.1.1"]},
    {"name": "REDACT_EMAIL", "pattern": REDACT_EMAIL, "sub": "xxxxx@xxxxx.com",
     "texts": ["mail bob@example.com now", "\nbob@example.com", "\tb.o+b@ex-ample.co.uk", "é@example.com", "bob@exa_mple.com", "nobody"]},
]


def run(case):
    out = {k: case[k] for k in ("name", "pattern", "unsupported") if k in case}
    if "sub" in case:
        out["replacement"] = case["sub"]
    try:
        regex = re.compile(case["pattern"])
    except re.error as error:
        out["error"] = str(error)
        return out
    results = []
    for text in case["texts"]:
        result = {
            "text": text,
            "search": regex.search(text) is not None,
            # DD_MULTILINE_LOG_REGEX_PATTERN is prefixed with "^" (without a group) and used with .match.
            "match": regex.match(text) is not None,
        }
        if "sub" in case:
            try:
                result["sub"] = regex.sub(case["sub"], text)
            except (re.error, IndexError) as error:
                out["replacementError"] = str(error)
        results.append(result)
    out["results"] = results
    return out


with open("fixtures/python-re/cases.json", "w", encoding="utf-8") as f:
    json.dump({"python": ".".join(map(str, __import__("sys").version_info[:3])), "cases": [run(c) for c in CASES]},
              f, ensure_ascii=False, indent=1)
    f.write("\n")
