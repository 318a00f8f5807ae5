"""Shared pieces of `seed_demo`: the context every app's `demo.seed(ctx)` receives, and
fictitious Chinese names and places."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from typing import Any

SCALES = {"small": 0.1, "district": 1, "large": 10}
DEMO_PASSWORD = "demo-pass-2025"  # demo-only: printed by `make run`, never for real data

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
            "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝")
GIVEN = ("秀英桂英秀兰玉兰桂兰秀珍凤英玉珍玉英兰英丽娟红梅海燕雪梅丽华淑珍秀芳美玲晓红春花小红"
         "婷婷静怡欣怡雨涵梓涵慧敏丽萍建华国英翠萍冬梅金凤淑英晓燕彩霞艳红丽娜文静玉梅佳琪思雨")
MALE_GIVEN = "建国志强伟军德明国华永红振华建平海涛卫东志刚"
PLACES = ["东湖", "西城", "南屏", "北岸", "金桥", "银杏", "桃源", "柳岸", "青云", "白鹭", "枫林", "梧桐", "花溪", "清河", "丰乐", "长乐", "安澜", "永安", "和平", "兴隆", "新华", "红星", "光明", "胜利", "团结", "幸福", "振兴", "富民", "康宁", "锦绣", "翠微", "文昌", "书院", "凤鸣", "龙泉", "石桥", "杨柳", "荷塘", "竹园", "梅岭", "松涛", "兰亭", "菊香", "月湖", "星光", "朝阳", "晨曦", "云岭", "沙洲", "滨江", "湖畔", "山前", "河西", "塘口", "庙前", "茶园", "果岭", "桑园", "稻香", "麦浪", "樱花", "海棠", "紫荆", "芙蓉", "丹桂", "秋实", "春晖"]
STREET_SUFFIXES = ("街道", "镇", "乡")
COMMUNITY_SUFFIXES = ("社区", "村")
ROADS = ("人民路", "解放路", "建设路", "中山路", "和平街", "文化路", "新华街", "长江路", "胜利街", "光明路")
UNITS = ("区教育局", "区卫健局", "区人民医院", "区税务局", "区市场监管局", "区图书馆", "区实验小学",
         "区第一中学", "区民政局", "区司法局", "区农业农村局", "区文旅局")
COMPANIES = ("科技有限公司", "电子商务有限公司", "物流有限公司", "服饰有限公司", "食品有限公司",
             "家政服务中心", "社会工作服务中心", "律师事务所", "商贸有限公司", "文化传媒有限公司")


@dataclass
class DemoContext:
    scale: str
    rng: random.Random
    today: datetime.date
    out: Any  # a management command's stdout
    factor: float = 1
    district: Any = None
    streets: list = field(default_factory=list)
    communities: list = field(default_factory=list)
    others: list = field(default_factory=list)
    users: dict = field(default_factory=dict)  # role -> the demo user of that role
    password_hash: str = ""

    def n(self, district_count: int, minimum: int = 1) -> int:
        """A count that is `district_count` at district scale and scales with --scale."""
        return max(minimum, round(district_count * self.factor))

    def person_name(self, female: bool = True) -> str:
        surname = self.rng.choice(SURNAMES)
        if female:
            start = self.rng.randrange(0, len(GIVEN) // 2) * 2
            given = GIVEN[start:start + 2] if self.rng.random() < 0.8 else GIVEN[start]
        else:
            start = self.rng.randrange(0, len(MALE_GIVEN) // 2) * 2
            given = MALE_GIVEN[start:start + 2]
        return surname + given

    def phone(self) -> str:
        return f"1{self.rng.choice('3578')}{self.rng.randrange(10**8, 10**9)}"

    def address(self, org) -> str:
        return f"{org.name}{self.rng.choice(ROADS)}{self.rng.randrange(1, 300)}号"

    def date_between(self, start: datetime.date, end: datetime.date) -> datetime.date:
        return start + datetime.timedelta(days=self.rng.randrange(max((end - start).days, 0) + 1))
