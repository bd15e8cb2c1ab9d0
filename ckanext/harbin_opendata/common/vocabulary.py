"""The controlled vocabularies of the Harbin catalog: stored value, Chinese label, English label.

Stored values are stable ASCII codes; labels are what people see, in the interface language.
"""
from __future__ import annotations

from typing import NamedTuple, Optional

__all__ = [
    "Term", "DOMAINS", "FREQUENCIES", "OPEN_TYPES", "ITEM_TYPES", "FORMATS",
    "DESENSITIZATION", "AGENCY_KINDS", "DISTRICTS", "FREQUENCY_DAYS", "MACHINE_READABLE", "by_value",
]


class Term(NamedTuple):
    value: str
    zh: str
    en: str


# 数据领域: the subject domains of the Harbin catalog.
DOMAINS = [
    Term("market_regulation", "市场监管", "Market regulation"),
    Term("health", "卫生健康", "Health"),
    Term("natural_resources", "自然资源", "Natural resources"),
    Term("ecology_environment", "生态环境", "Ecology and environment"),
    Term("employment", "就业", "Employment"),
    Term("social_security", "社会保障", "Social security"),
    Term("education", "教育", "Education"),
    Term("transport", "交通", "Transport"),
    Term("meteorology", "气象", "Meteorology"),
    Term("administrative_licensing", "行政许可", "Administrative licensing"),
    Term("administrative_penalty", "行政处罚", "Administrative penalties"),
    Term("enterprise_credit", "企业信用", "Enterprise credit"),
    Term("urban_rural_construction", "城乡建设", "Urban and rural construction"),
    Term("public_utilities", "公用事业", "Public utilities"),
    Term("agriculture", "农业农村", "Agriculture and rural affairs"),
    Term("culture_tourism", "文化旅游", "Culture and tourism"),
    Term("public_safety", "公共安全", "Public safety"),
    Term("finance_tax", "财政税务", "Finance and taxation"),
    Term("science_technology", "科技创新", "Science and technology"),
    Term("social_livelihood", "社会民生", "Social services"),
    Term("government_affairs", "机构政务", "Government affairs"),
]

# 更新周期, with the longest interval (days) between two updates; None: no fixed interval.
FREQUENCIES = [
    Term("realtime", "实时", "Real time"),
    Term("daily", "每日", "Daily"),
    Term("weekly", "每周", "Weekly"),
    Term("monthly", "每月", "Monthly"),
    Term("quarterly", "每季度", "Quarterly"),
    Term("semiannual", "每半年", "Every six months"),
    Term("annual", "每年", "Annually"),
    Term("irregular", "不定期", "Irregularly"),
]
FREQUENCY_DAYS: dict[str, Optional[int]] = {
    "realtime": 1, "daily": 1, "weekly": 7, "monthly": 31, "quarterly": 92,
    "semiannual": 184, "annual": 366, "irregular": None,
}

# 开放类型 (第十二条: 无条件开放 and 有条件开放 are what the open catalog lists).
OPEN_TYPES = [
    Term("unconditional", "无条件开放", "Open without conditions"),
    Term("conditional", "有条件开放", "Open on conditions"),
]

ITEM_TYPES = [
    Term("string", "字符型", "Text"),
    Term("integer", "整数型", "Integer"),
    Term("number", "数值型", "Number"),
    Term("date", "日期型", "Date"),
    Term("datetime", "日期时间型", "Date and time"),
    Term("time", "时间型", "Time"),
    Term("boolean", "布尔型", "Yes/no"),
    Term("geometry", "空间型", "Geometry"),
    Term("binary", "二进制", "Binary"),
]

FORMATS = [
    Term("CSV", "CSV", "CSV"),
    Term("XLSX", "XLSX", "XLSX"),
    Term("XLS", "XLS", "XLS"),
    Term("JSON", "JSON", "JSON"),
    Term("XML", "XML", "XML"),
    Term("RDF", "RDF", "RDF"),
    Term("GeoJSON", "GeoJSON", "GeoJSON"),
    Term("SHP", "SHP", "Shapefile"),
    Term("API", "接口", "API"),
    Term("PDF", "PDF", "PDF"),
    Term("DOCX", "DOCX", "DOCX"),
    Term("ZIP", "ZIP", "ZIP"),
]
# Formats a program can read without a person (assessment: 可机读).
MACHINE_READABLE = {"CSV", "XLSX", "XLS", "JSON", "XML", "RDF", "GeoJSON", "SHP", "API"}

# 脱敏状态
DESENSITIZATION = [
    Term("not_required", "不涉及个人信息，无需脱敏", "No personal data, none needed"),
    Term("desensitized", "已脱敏", "Desensitized"),
    Term("pending", "待脱敏", "Desensitization pending"),
]

AGENCY_KINDS = [
    Term("government", "政府部门", "Government department"),
    Term("institution", "事业单位", "Public institution"),
    Term("utility", "公用企业", "Public utility company"),
]

# 行政区划 of Harbin (GB/T 2260 codes).
DISTRICTS = [
    Term("230100", "市本级", "City level"),
    Term("230102", "道里区", "Daoli District"),
    Term("230103", "南岗区", "Nangang District"),
    Term("230104", "道外区", "Daowai District"),
    Term("230108", "平房区", "Pingfang District"),
    Term("230109", "松北区", "Songbei District"),
    Term("230110", "香坊区", "Xiangfang District"),
    Term("230111", "呼兰区", "Hulan District"),
    Term("230112", "阿城区", "Acheng District"),
    Term("230113", "双城区", "Shuangcheng District"),
    Term("230123", "依兰县", "Yilan County"),
    Term("230124", "方正县", "Fangzheng County"),
    Term("230125", "宾县", "Bin County"),
    Term("230126", "巴彦县", "Bayan County"),
    Term("230127", "木兰县", "Mulan County"),
    Term("230128", "通河县", "Tonghe County"),
    Term("230129", "延寿县", "Yanshou County"),
    Term("230183", "尚志市", "Shangzhi"),
    Term("230184", "五常市", "Wuchang"),
]


def by_value(terms: list[Term], value: str) -> Optional[Term]:
    """The term stored as `value`, or None."""
    return next((t for t in terms if t.value == value), None)
