"""Deterministic, realistic sample values for the demo CSV files (one generator per data item)."""
from __future__ import annotations

import datetime as dt
import random
from typing import Callable

__all__ = ["GENERATORS", "sample_rows", "observed_period"]

DISTRICTS = ["道里区", "南岗区", "道外区", "平房区", "松北区", "香坊区", "呼兰区", "阿城区", "双城区",
             "尚志市", "五常市", "宾县", "依兰县", "方正县", "巴彦县", "木兰县", "通河县", "延寿县"]
_STREETS = ["中央大街", "红军街", "果戈里大街", "学府路", "和兴路", "西大直街", "东大直街", "友谊路",
            "中山路", "哈平路", "长江路", "世茂大道", "黄河路", "先锋路", "红旗大街", "征仪路"]
_BRANDS = ["龙江", "冰城", "松花江", "北方", "金鼎", "瑞丰", "宏达", "华信", "鑫源", "哈工", "远大",
           "秋林", "天鹅", "太阳岛", "紫丁香", "新区", "恒通", "博远"]
_TRADES = ["科技", "商贸", "食品", "建筑工程", "物流", "餐饮管理", "医药", "农业发展", "文化传媒",
           "机械制造", "信息技术", "环保科技"]
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
_DISTRICT_CODES = ["230102", "230103", "230104", "230108", "230109", "230110", "230111", "230112", "230113"]
TODAY = dt.date.today()

Generator = Callable[[random.Random, int], object]


def _choice(*options: str) -> Generator:
    return lambda rng, i: rng.choice(options)


def _number(low: float, high: float, digits: int = 1) -> Generator:
    return lambda rng, i: round(rng.uniform(low, high), digits)


def _integer(low: int, high: int) -> Generator:
    return lambda rng, i: rng.randint(low, high)


def _days_from_today(low: int, high: int) -> Generator:
    return lambda rng, i: (TODAY + dt.timedelta(days=rng.randint(low, high))).isoformat()


def _code(prefix: str, digits: int) -> Generator:
    return lambda rng, i: f"{prefix}{rng.randrange(10 ** digits):0{digits}d}"


def _named(suffixes: tuple[str, ...]) -> Generator:
    return lambda rng, i: f"哈尔滨市{rng.choice(_BRANDS)}{rng.choice(suffixes)}"


def _org_code(rng: random.Random) -> str:
    """A GB 11714 organization code: 8 characters and their check character."""
    body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    total = sum(int(c, 36) * w for c, w in zip(body, [3, 7, 9, 10, 5, 8, 4, 2]))
    check = 11 - total % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def _uscc(rng: random.Random, i: int) -> str:
    """A GB 32100 credit code of an enterprise registered in a Harbin district."""
    body = "91" + rng.choice(_DISTRICT_CODES) + _org_code(rng)
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(body, _USCC_WEIGHTS))
    return body + _USCC_CHARS[(31 - total % 31) % 31]


def _company(rng: random.Random, i: int) -> str:
    return f"哈尔滨{rng.choice(_BRANDS)}{rng.choice(_TRADES)}有限公司"


def _street(rng: random.Random, i: int) -> str:
    return f"{rng.choice(_STREETS)}{rng.randint(1, 300)}号"


def _month(rng: random.Random, i: int) -> str:
    first = TODAY.replace(day=1)
    year, month = divmod(first.year * 12 + first.month - 1 - i % 36, 12)
    return f"{year}-{month + 1:02d}"


def _bus_time(start: int, end: int) -> Generator:
    return lambda rng, i: f"{rng.randint(start, end):02d}:{rng.choice([0, 10, 20, 30, 40, 50]):02d}"


GENERATORS: dict[str, Generator] = {
    "uscc": _uscc,
    "company": _company,
    "company_kind": _choice("有限责任公司", "股份有限公司", "个人独资企业", "合伙企业", "农民专业合作社"),
    "capital": _number(10, 5000, 2),
    "date": _days_from_today(-720, -1),
    "recent_date": _days_from_today(-60, 0),
    "future_date": _days_from_today(30, 1500),
    "winter_date": lambda rng, i: (dt.date(2025, 11, 15) + dt.timedelta(days=i % 120)).isoformat(),
    "district": _choice(*DISTRICTS),
    "street": _street,
    "road": _street,
    "food_licence": _code("JY12301", 9),
    "food_scope": _choice("预包装食品销售", "散装食品销售", "热食类食品制售", "冷食类食品制售", "糕点类食品制售"),
    "penalty_no": lambda rng, i: f"哈市监处罚〔{TODAY.year - rng.randint(0, 1)}〕{rng.randint(1, 999)}号",
    "offence": _choice("虚假宣传", "销售不合格产品", "无照经营", "价格违法", "未按规定公示年度报告", "商标侵权"),
    "fine": _integer(500, 200000),
    "equipment_code": _code("3110230100", 8),
    "equipment_kind": _choice("乘客电梯", "自动扶梯", "锅炉", "压力容器", "起重机械", "场（厂）内专用机动车辆"),
    "hospital": _named(("第一医院", "中医医院", "妇幼保健院", "口腔医院", "社区卫生服务中心", "骨伤科医院")),
    "hospital_kind": _choice("综合医院", "中医医院", "专科医院", "社区卫生服务中心", "乡镇卫生院"),
    "hospital_grade": _choice("三级甲等", "三级乙等", "二级甲等", "二级乙等", "一级", "未定级"),
    "beds": _integer(20, 2500),
    "clinic": _named(("社区卫生服务中心预防接种门诊", "卫生院预防接种门诊")),
    "opening_hours": _choice("周一至周五 8:30-16:30", "周一至周六 8:00-17:00", "工作日 9:00-17:00"),
    "vaccine_kind": _choice("免疫规划疫苗", "非免疫规划疫苗", "免疫规划疫苗、非免疫规划疫苗"),
    "pharmacy": _named(("大药房", "医药连锁店", "平价药店")),
    "pharmacy_code": _code("P23010", 6),
    "venue_kind": _choice("住宿场所", "游泳场所", "美容美发场所", "沐浴场所", "候车室"),
    "pass_fail": lambda rng, i: "合格" if rng.random() < 0.93 else "不合格",
    "parcel_no": lambda rng, i: f"哈国土挂〔{TODAY.year}〕{rng.randint(1, 120)}号",
    "area": _number(800, 120000, 2),
    "land_use": _choice("住宅用地", "商服用地", "工业用地", "公共管理与公共服务用地", "仓储用地"),
    "planning_no": _code("建字第230100", 8),
    "hazard_no": _code("HRB-DZ-", 4),
    "hazard_kind": _choice("崩塌", "滑坡", "地面塌陷", "泥石流", "不稳定斜坡"),
    "people": _integer(3, 400),
    "service_point": _named(("政务服务中心不动产登记窗口", "便民服务站", "营业厅")),
    "air_station": _choice("道里区站", "南岗区站", "道外区站", "香坊区站", "松北商大站", "呼兰师专站", "阿城会宁站", "太平宏伟公园站"),
    "aqi": _integer(18, 260),
    "pm25": _number(5, 180),
    "pm10": _number(12, 260),
    "month": _month,
    "river_section": _choice("松花江朱顺屯", "松花江大顶子山", "阿什河口内", "呼兰河口内", "拉林河牛头山大桥"),
    "water_class": _choice("Ⅱ类", "Ⅲ类", "Ⅲ类", "Ⅳ类", "Ⅴ类"),
    "cod": _number(8, 35),
    "discharge_permit": lambda rng, i: _uscc(rng, i) + f"001{rng.choice('PVUQ')}",
    "industry": _choice("火力发电", "热力生产和供应", "食品制造", "化学原料制造", "污水处理", "医院"),
    "quarter": lambda rng, i: f"{TODAY.year - i // 16}年第{i // 4 % 4 + 1}季度",
    "noise_zone": _choice("0类区", "1类区", "2类区", "3类区", "4a类区"),
    "noise_day": _number(45, 70),
    "noise_night": _number(38, 60),
    "job_title": _choice("会计", "销售代表", "软件工程师", "电工", "厨师", "护理员", "仓库管理员", "客服专员", "司机"),
    "vacancies": _integer(1, 30),
    "salary": _integer(2500, 12000),
    "school_private": _named(("职业培训学校", "技能培训中心", "教育培训学校")),
    "trade": _choice("电工", "焊工", "育婴员", "养老护理员", "中式烹调师", "网络与信息安全管理员", "保育师"),
    "insurance_office": lambda rng, i: f"{DISTRICTS[i % len(DISTRICTS)]}社会保险事业服务中心",
    "office_phone": lambda rng, i: f"0451-{rng.randint(51000000, 88999999)}",
    "year": lambda rng, i: TODAY.year - i,
    "min_wage": lambda rng, i: 2080 - i * 65,
    "min_wage_hour": lambda rng, i: round(20.0 - i * 0.6, 1),
    "school": lambda rng, i: f"哈尔滨市{rng.choice(DISTRICTS)}第{rng.randint(1, 120)}{rng.choice(['小学', '中学', '学校'])}",
    "school_level": _choice("小学", "初中", "九年一贯制", "完全中学", "高中"),
    "public_private": lambda rng, i: "公办" if rng.random() < 0.85 else "民办",
    "kindergarten": _named(("幼儿园", "实验幼儿园", "第二幼儿园")),
    "kindergarten_kind": _choice("公办", "普惠性民办", "民办"),
    "classes": _integer(3, 18),
    "school_licence": _code("教民12301", 10),
    "tutoring_kind": _choice("学科类", "非学科类（体育）", "非学科类（文化艺术）", "非学科类（科技）"),
    "bus_line": lambda rng, i: f"{i + 1}路",
    "bus_stop": _choice("哈尔滨站", "哈尔滨西站", "中央大街", "医大一院", "哈工大", "太阳岛", "哈药总厂",
                        "会展中心", "学府四道街", "群力新区", "江北大学城", "哈东站", "公路大桥", "省政府"),
    "first_bus": _bus_time(5, 6),
    "last_bus": _bus_time(20, 22),
    "fare": _choice("1", "2", "2"),
    "transport_licence": _code("黑交运管许可哈字230100", 6),
    "vehicles": _integer(30, 900),
    "parking": _named(("商业广场停车场", "医院停车场", "地下停车场", "立体停车库")),
    "berths": _integer(40, 1200),
    "parking_fee": _choice("首小时5元，此后每小时2元", "每次10元", "每小时3元", "白天每小时4元，夜间每小时1元"),
    "weather_station": _choice("哈尔滨", "呼兰", "阿城", "双城", "尚志", "五常", "宾县", "依兰", "方正"),
    "temp_high": _number(-20, 32),
    "temp_low": _number(-35, 22),
    "rain": lambda rng, i: 0.0 if rng.random() < 0.7 else round(rng.uniform(0.1, 45), 1),
    "warning_kind": _choice("暴雪", "寒潮", "大风", "暴雨", "道路结冰", "大雾", "高温"),
    "warning_level": _choice("蓝色", "黄色", "黄色", "橙色", "红色"),
    "temp_month": _number(-22, 24),
    "rain_month": _number(2, 180),
    "snow": _integer(0, 38),
    "waterworks": _choice("磨盘山水厂", "平房水厂", "松北水厂", "群力水厂", "管网末梢水（南岗区）", "管网末梢水（道里区）"),
    "turbidity": _number(0.05, 0.9, 2),
    "chlorine": _number(0.1, 0.8, 2),
    "outage_reason": _choice("供水管网维修", "配合市政道路施工", "阀门更换", "加压泵站检修"),
    "water_use": lambda rng, i: "居民生活用水" if i < 6 else "非居民用水",
    "tier": lambda rng, i: ["第一阶梯", "第二阶梯", "第三阶梯"][i % 3],
    "water_price": lambda rng, i: [2.40, 3.60, 7.20][i % 3] if i < 6 else 4.30,
}


def sample_rows(name: str, generators: list[str], count: int) -> list[list[object]]:
    """`count` rows for the demo entry `name`; the same every time."""
    rng = random.Random(name)
    return [[GENERATORS[g](rng, i) for g in generators] for i in range(count)]


# Generators of days something was observed or happened (not due dates).
_OBSERVED_DAYS = {"date", "recent_date", "winter_date"}


def observed_period(generators: list[str], rows: list[list[object]]) -> dict[str, str]:
    """The period the rows cover (temporal_start/temporal_end): their first and last observed day;
    nothing when no column holds such days."""
    days = [str(row[i]) for row in rows for i, kind in enumerate(generators) if kind in _OBSERVED_DAYS]
    return {"temporal_start": min(days), "temporal_end": max(days)} if days else {}
