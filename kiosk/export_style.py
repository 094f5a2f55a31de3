"""The web export's one style sheet: the kiosk's look in CSS, filled from the same design
tokens as the Qt theme, so the site and the kiosk never drift. On a phone (a patient at home,
from the kiosk's QR code) the text is smaller and the bar wraps, so nothing scrolls sideways
at 360 px; on paper the bar goes and the page's own QR code shows. No Qt here."""

from __future__ import annotations

from string import Template

from kiosk.design.tokens import BASE_POINTS, DEFAULT_COLOURS, FONT_FAMILIES, PIXELS, points, rgba

# The default theme's tokens (kiosk/design/tokens.py) fill this style sheet, as they fill
# assets/theme.qss; the kiosk's pixel paddings and gaps stay here.
CSS_TEMPLATE = """\
*{box-sizing:border-box}
html{font-size:${body_px};-webkit-text-size-adjust:100%}
body{margin:0;background:$bg;color:$ink;line-height:1.45;overflow-wrap:break-word;
 font-family:$fonts,sans-serif;
 -webkit-tap-highlight-color:$tap;touch-action:manipulation}
a{color:inherit}
.bar{position:sticky;top:0;z-index:1;display:flex;align-items:center;gap:20px;
 padding:14px 20px;background:$primary;color:$on_primary}
.bar .title{flex:1;text-align:center;font-size:$nav_pt;font-weight:600}
.nav{display:inline-flex;align-items:center;gap:12px;min-width:$touch_px;min-height:$touch_px;
 padding:0 24px;border:2px solid $on_primary;border-radius:$radius;background:$primary_dark;
 color:$on_primary;font-size:$nav_pt;text-decoration:none}
.nav img{width:40px;height:40px;flex:none}
.nav:active img{filter:invert(1)}
.nav.off{visibility:hidden}
main{max-width:1280px;margin:0 auto;padding:32px 40px 64px}
main.wide{max-width:1800px}
h1{font-size:$h1_pt;margin:0 0 24px}
h2{font-size:$h2_pt;margin:0 0 8px}
p,li{font-size:$body_pt;margin:0 0 24px}
.lead{font-size:$lead_pt;color:$muted}
.small{font-size:$small_pt;color:$muted;margin:0 0 8px}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(360px,100%),1fr));gap:24px;
 margin:0 0 32px;padding:0;list-style:none}
.tiles li{margin:0}
.tile,.row{display:block;min-height:$touch_px;padding:24px 28px;border:2px solid $border;
 border-radius:$radius;background:$surface;color:$ink;text-decoration:none}
.tile:active,.row:active,.nav:active,.link:active{background:$pressed;color:$ink}
.tile img{display:block;width:88px;height:88px;margin:0 0 12px}
.tile .t,.row .t{display:block;font-size:$tile_title_pt;font-weight:600}
.tile .s,.row .s{display:block;font-size:$small_pt;color:$muted}
.tile.urgent,.row.urgent{border-color:$urgent;background:$urgent_bg}
.rows{margin:0;padding:0;list-style:none}
.rows li{margin:0 0 24px}
.row{display:flex;align-items:center;gap:20px;padding:20px 24px 20px 32px}
.row .text{flex:1}
.row img{width:48px;height:48px}
.banner{padding:16px 24px;border-radius:$radius;background:$urgent;color:$on_primary;
 font-size:$body_pt;margin:0 0 24px}
.ask,.notice{padding:20px 28px;border-radius:$radius;background:$ask_bg;margin:0 0 24px}
.notice{background:$surface;border:2px solid $border}
figure{margin:0 0 24px;text-align:center}
figure img{max-width:100%;height:auto}
figcaption{font-size:$small_pt;color:$muted}
.link{display:inline-flex;align-items:center;gap:12px;min-height:$touch_px;padding:0 24px;
 border:2px solid $primary;border-radius:$radius;color:$primary;font-size:$body_pt;
 text-decoration:none;margin:0 0 24px}
.link img{width:40px;height:40px}
.next{float:right}
.langs{display:flex;flex-wrap:wrap;gap:24px;justify-content:center;margin-top:48px}
.foot{clear:both;max-width:1280px;margin:0 auto;padding:24px 40px 48px;
 border-top:2px solid $border}
.foot p{font-size:$small_pt;color:$muted;margin:0 0 12px}
.foot a{color:$primary}
.print-qr{display:none}
:focus-visible{outline:4px solid $focus;outline-offset:4px}
.bar :focus-visible{outline-color:$focus_on_dark}
@media (max-width:640px){
 .bar{position:static;flex-wrap:wrap;gap:8px;padding:8px}
 .bar .title{order:-1;flex-basis:100%}
 .nav{padding:0 12px;gap:8px}
 .nav img{width:32px;height:32px}
 .nav.off{display:none}
 main,.foot{padding-left:16px;padding-right:16px}
 main{padding-top:20px}
 .tile,.row{padding:16px}
 .next{float:none}
}
@media print{
 .bar,.next,.nav{display:none}
 body{background:$surface}
 .print-qr{display:block;width:45mm;margin:0 0 24px;break-inside:avoid}
 .print-qr svg{display:block;width:45mm;height:45mm}
 .print-qr figcaption{font-size:10pt;color:$ink;overflow-wrap:anywhere}
}
"""


PHONE_TEXT = 0.75  # text size on a screen under 640 px wide: body 18 pt, headings to match
PRINT_TEXT = 0.5  # on paper: body 12 pt


def css() -> str:
    colours = DEFAULT_COLOURS
    fonts = ",".join(f'"{f}"' if " " in f else f for f in FONT_FAMILIES)
    # Text sizes are custom properties, so one rule on :root makes the phone's smaller.
    sizes = {k: f"var(--{k.removesuffix('_pt')})" for k in BASE_POINTS}
    sizes.update({k: f"{v}px" for k, v in PIXELS.items()})
    sizes["body_px"] = f"{round(points('body_pt'))}px"
    tap = rgba(colours["primary"], 0.25)
    rules = Template(CSS_TEMPLATE).substitute(colours, **sizes, fonts=fonts, tap=tap)
    phone = _text_sizes(PHONE_TEXT, "@media (max-width:640px)")
    return _text_sizes(1.0, "") + phone + _text_sizes(PRINT_TEXT, "@media print") + rules


def _text_sizes(scale: float, media: str) -> str:
    sizes = (f"--{k.removesuffix('_pt')}:{round(points(k) * scale)}pt" for k in BASE_POINTS)
    values = ";".join(sizes)
    return f"{media}{{:root{{{values}}}}}\n" if media else f":root{{{values}}}\n"


CSS = css()
