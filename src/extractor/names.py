"""Personal names: what tells a Chinese name from a transliterated foreign one.

Read by the region rules (a state leader's diplomacy) and by the event linker (whose act a
headline opens with).
"""

from __future__ import annotations

# The hundred most common surnames (national census ranking), with those of recent state
# leaders outside it (温, 习): a name opening with one is likely a Chinese name.
COMMON_SURNAMES: frozenset[str] = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔向汤温习"
)
# Characters of transliterated foreign names (马克龙, 莫迪) that Chinese given names rarely use.
TRANSLITERATION_CHARS: frozenset[str] = frozenset("克尔斯特拉尼布普莱逊维坦伊萨迪奥埃默")
