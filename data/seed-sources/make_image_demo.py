# How the demo page with a scan in data/seeds/ (示例晨报_2025-06-01_p01.xml + .jpg) was made; kept for reference.
# The text is written for the demo. Every line is drawn at its box, so the boxes in the PAGE XML match the image:
#   mkdir -p /tmp/seedgen && python3 make_image_demo.py          # page.html + the PAGE XML (estimated widths)
#   chromium --headless --dump-dom 'file:///tmp/seedgen/page.html#measure'   # the script in the page prints each
#       line's rendered width as JSON; save it as /tmp/seedgen/widths.json and run make_image_demo.py again
#   chromium --headless --hide-scrollbars --window-size=900,1020 --screenshot=/tmp/seedgen/shot.png file:///tmp/seedgen/page.html
#   dotnet run tojpg.cs -- /tmp/seedgen/shot.png /tmp/seedgen/示例晨报_2025-06-01_p01.jpg   # Magick.NET, quality 82
# One-off generator of the demo page with a scan: an HTML page with every line absolutely positioned at its box,
# screenshotted by headless Chromium, and a PAGE XML file with the same boxes.
import html, subprocess, os
W, H = 900, 1020
M = 48  # margin
import json
measured = json.load(open('/tmp/seedgen/widths.json')) if os.path.exists('/tmp/seedgen/widths.json') else {}
regions = []  # (id, type, [(text, x, y, w, h, size)])

def column_lines(texts, x, y, size, gap, maxchars):
    out = []
    for t in texts:
        out.append((t, x, y, measured.get(t, len(t) * size), size + 6, size))
        y += size + gap
    return out, y

# masthead
regions.append(("r0", "header", [("北疆晨报", M, 40, measured.get("北疆晨报", 4 * 56), 62, 56)]))
regions.append(("r1", "page-number", [("2025年6月1日　星期日　第1版", W - M - measured.get("2025年6月1日　星期日　第1版", 15 * 18), 70, measured.get("2025年6月1日　星期日　第1版", 15 * 18), 24, 18)]))
# article 1: headline + body, left column
h1 = "草原书屋开进牧区"
regions.append(("r2", "heading", [(h1, M, 150, measured.get(h1, len(h1) * 40), 46, 40)]))
body1 = [
    "本报讯　五月下旬，一辆满载图书的",
    "流动书车驶进锡林郭勒草原深处的牧",
    "民定居点。书车上有农牧技术、儿童",
    "读物和蒙汉双语词典共三千余册，牧",
    "民们围在车旁挑选，孩子们坐在草地",
    "上读了起来。据了解，今年全盟计划",
    "新建草原书屋四十个，让牧民在家门",
    "口就能借到书。",
]
lines1, y1 = column_lines(body1, M, 220, 24, 14, 16)
regions.append(("r3", "paragraph", lines1))
# article 2: right column
h2 = "黄河湿地迎来候鸟"
x2 = W // 2 + 20
regions.append(("r4", "heading", [(h2, x2, 150, measured.get(h2, len(h2) * 40), 46, 40)]))
body2 = [
    "本报讯　随着气温回升，黄河沿岸",
    "湿地迎来大批北迁的候鸟。监测人员",
    "在乌梁素海一带记录到白琵鹭、灰鹤",
    "和赤麻鸭等二十余种鸟类，数量比去",
    "年同期明显增加。保护区工作人员",
    "说，近年湿地补水和禁牧措施见效，",
    "水草条件不断改善。",
]
lines2, y2 = column_lines(body2, x2, 220, 24, 14, 16)
regions.append(("r5", "paragraph", lines2))
# article 3: full-width bottom, headline + two lines + caption
y3 = max(y1, y2) + 50
h3 = "夏季旅游线路发布"
regions.append(("r6", "heading", [(h3, M, y3, measured.get(h3, len(h3) * 36), 42, 36)]))
body3 = [
    "自治区文化和旅游部门日前发布十条夏季精品线路，涵盖草原、",
    "沙漠、森林和边境口岸，游客可通过官方平台查询路线和预约信息。",
]
lines3, y4 = column_lines(body3, M, y3 + 62, 24, 14, 30)
regions.append(("r7", "paragraph", lines3))
cap = "图为游客在呼伦贝尔草原骑马。　本报记者　摄"
regions.append(("r8", "caption", [(cap, M, y4 + 250, measured.get(cap, len(cap) * 18), 24, 18)]))
photo = (M, y4 + 20, W - 2 * M, 220)

parts = [f'''<!doctype html><html><head><meta charset="utf-8"><style>
html,body{{margin:0;padding:0;width:{W}px;height:{H}px;background:#f4efe3;overflow:hidden}}
.l{{position:absolute;white-space:nowrap;font-family:"WenQuanYi Micro Hei";color:#1d1a16;line-height:1}}
.rule{{position:absolute;background:#3b3428}}
.photo{{position:absolute;background:linear-gradient(#9db8c9 0%,#c9dbe3 45%,#7f9a52 46%,#5f7a3a 100%)}}
</style></head><body>''']
parts.append(f'<div class="rule" style="left:{M}px;top:112px;width:{W-2*M}px;height:3px"></div>')
parts.append(f'<div class="rule" style="left:{W//2}px;top:150px;width:1px;height:{max(y1,y2)-150}px"></div>')
parts.append(f'<div class="rule" style="left:{M}px;top:{y3-22}px;width:{W-2*M}px;height:1px"></div>')
parts.append(f'<div class="photo" style="left:{photo[0]}px;top:{photo[1]}px;width:{photo[2]}px;height:{photo[3]}px"></div>')
for rid, rtype, lines in regions:
    for (t, x, y, w, h, size) in lines:
        top = y + (h - size) // 2
        weight = "bold" if rtype in ("heading", "header") else "normal"
        parts.append(f'<div class="l" style="left:{x}px;top:{top}px;font-size:{size}px;font-weight:{weight}">{html.escape(t)}</div>')
parts.append('<script>if(location.hash==="#measure"){const m={};for(const d of document.querySelectorAll(".l"))m[d.textContent]=Math.ceil(d.getBoundingClientRect().width);document.body.textContent=JSON.stringify(m);}</script></body></html>')
open('/tmp/seedgen/page.html', 'w').write(''.join(parts))

def pts(x, y, w, h):
    return f"{x},{y} {x+w},{y} {x+w},{y+h} {x},{y+h}"

name = "示例晨报_2025-06-01_p01"
xml = ['<?xml version="1.0" encoding="UTF-8"?>',
       '<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15">',
       '  <Metadata><Creator>Workbench demo (generated)</Creator><Created>2025-06-01T00:00:00</Created><LastChange>2025-06-01T00:00:00</LastChange></Metadata>',
       f'  <Page imageFilename="{name}.jpg" imageWidth="{W}" imageHeight="{H}">',
       '    <ReadingOrder><OrderedGroup id="ro1">']
for i, (rid, _, _) in enumerate(regions):
    xml.append(f'      <RegionRefIndexed index="{i}" regionRef="{rid}"/>')
xml.append('    </OrderedGroup></ReadingOrder>')
for rid, rtype, lines in regions:
    xs = [l[1] for l in lines]; ys = [l[2] for l in lines]
    x0, y0 = min(xs), min(ys); x1 = max(l[1] + l[3] for l in lines); y1b = max(l[2] + l[4] for l in lines)
    hint = {"r2": "a1", "r3": "a1", "r4": "a2", "r5": "a2", "r6": "a3", "r7": "a3", "r8": "a3"}.get(rid)
    custom = f' custom="structure {{id:{hint}; type:article;}}"' if hint else ""
    xml.append(f'    <TextRegion id="{rid}" type="{rtype}"{custom}><Coords points="{pts(x0, y0, x1-x0, y1b-y0)}"/>')
    for j, (t, x, y, w, h, size) in enumerate(lines):
        xml.append(f'      <TextLine id="{rid}l{j+1}"><Coords points="{pts(x, y, w, h)}"/><TextEquiv><Unicode>{html.escape(t)}</Unicode></TextEquiv></TextLine>')
    xml.append('    </TextRegion>')
xml.append('  </Page>')
xml.append('</PcGts>')
open(f'/tmp/seedgen/{name}.xml', 'w').write('\n'.join(xml) + '\n')
print(name)
