#!/usr/bin/env python3
"""md2html.py IN.md OUT.html — the small Markdown subset the user manual uses, as one HTML
page: headings, paragraphs, lists, tables, code, images, links (.md links become .html),
**bold**, `code`. No third-party module, so the manual builds wherever Guatu builds."""
import html
import re
import sys

src, dst = sys.argv[1], sys.argv[2]
lines = open(src, encoding="utf-8").read().splitlines()


def inline(text):
    text = html.escape(text, quote=False)
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", text)
    text = re.sub(r"!\[([^\]]*)\]\(([^)]+)\)",
                  lambda m: f'<img src="{m.group(2)}" alt="{m.group(1)}">', text)

    def link(m):
        target = re.sub(r"\.md(#|$)", r".html\1", m.group(2))
        return f'<a href="{target}">{m.group(1)}</a>'
    return re.sub(r"(?<!!)\[([^\]]+)\]\(([^)]+)\)", link, text)


out, para, i, title = [], [], 0, None
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def join(parts):
    """Source lines of a paragraph: Chinese text is joined without a space."""
    text = ""
    for part in parts:
        if text and not (CJK.match(text[-1]) or CJK.match(part[0])):
            text += " "
        text += part
    return text


def flush():
    global para
    if para:
        out.append("<p>" + inline(join(para)) + "</p>")
        para = []


while i < len(lines):
    line = lines[i]
    if line.startswith("```"):
        flush()
        code = []
        i += 1
        while i < len(lines) and not lines[i].startswith("```"):
            code.append(html.escape(lines[i]))
            i += 1
        out.append("<pre><code>" + "\n".join(code) + "</code></pre>")
    elif m := re.match(r"(#{1,4}) (.*)", line):
        flush()
        level = len(m.group(1))
        title = title or m.group(2)
        out.append(f"<h{level}>{inline(m.group(2))}</h{level}>")
    elif re.match(r"\s*([-*]|\d+\.) ", line):
        flush()
        ordered = bool(re.match(r"\s*\d+\.", line))
        tag = "ol" if ordered else "ul"
        start = re.match(r"\s*(\d+)\.", line)
        attrs = f' start="{start.group(1)}"' if start and start.group(1) != "1" else ""
        items = []
        while i < len(lines) and re.match(r"\s*([-*]|\d+\.) |\s{2,}\S", lines[i]):
            if re.match(r"\s*([-*]|\d+\.) ", lines[i]):
                items.append(re.sub(r"\s*([-*]|\d+\.) ", "", lines[i], count=1))
            else:
                items[-1] = join([items[-1], lines[i].strip()])
            i += 1
        out.append(f"<{tag}{attrs}>" + "".join(f"<li>{inline(t)}</li>" for t in items) + f"</{tag}>")
        continue
    elif line.startswith("|"):
        flush()
        rows = []
        while i < len(lines) and lines[i].startswith("|"):
            cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
            if not all(re.fullmatch(r":?-+:?", c) for c in cells if c):
                rows.append(cells)
            i += 1
        body = "".join("<tr>" + "".join(f"<{'th' if n == 0 else 'td'}>{inline(c)}</{'th' if n == 0 else 'td'}>"
                                         for c in row) + "</tr>" for n, row in enumerate(rows))
        out.append(f"<table>{body}</table>")
        continue
    elif line.startswith("> "):
        flush()
        out.append(f"<blockquote>{inline(line[2:])}</blockquote>")
    elif not line.strip():
        flush()
    else:
        para.append(line.strip())
    i += 1
flush()

style = """body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;max-width:60em;
margin:2em auto;padding:0 1em;line-height:1.7;color:#241f31}img{max-width:100%;border:1px solid #c0bfbc}
table{border-collapse:collapse}td,th{border:1px solid #c0bfbc;padding:.3em .6em}
code{background:#f6f5f4;padding:0 .2em}pre{background:#f6f5f4;padding:.6em}
blockquote{border-left:4px solid #c01c28;margin:0;padding:.2em 1em;background:#fdf2f2}"""
with open(dst, "w", encoding="utf-8") as f:
    f.write(f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(title or 'Guatu')}</title>\n<style>{style}</style>\n</head>\n"
            f"<body>\n" + "\n".join(out) + "\n</body>\n</html>\n")
