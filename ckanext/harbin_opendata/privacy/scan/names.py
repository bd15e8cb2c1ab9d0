"""People's names. A column is a name column by its header (姓名, 联系人, 法定代表人, 补贴对象, 申报主体, …: then every
non-empty cell that holds letters counts, whatever its shape: 阿卜杜热依木·买买提, five-character
names, Zhang Wei, 王 伟, 张三（13812345678）) or by its content (most cells are a common surname
followed by one or two characters, or a name with the middle dot, and the values vary as names do;
place, organisation and thing words are not names)."""
from __future__ import annotations

import re
import unicodedata

from .pinyin_names import looks_like_pinyin_name

__all__ = ["NAME_HEADER", "compact_header", "is_name_header", "is_english_name_header", "is_id_header", "is_person_number_header", "NAME_SHAPE_RE2", "NOT_NAME_ENDING", "looks_like_name",
           "names_a_person", "a_persons_name", "MASKED", "SURNAMES", "COMPOUND_SURNAMES", "TABLE_WORDS"]

NAME_HEADER = re.compile(
    r"姓名|名字|联系人|法定代表人|法人代表|法人姓名|负责人|申请人|户主|患者|经办人|当事人|监护人|家长|收件人|"
    r"寄件人|投诉人|举报人|被检查人|从业人员|持证人|业主|租户|驾驶人|驾驶员|学生|教师|医生|志愿者|"
    r"户名|联络员|人员$|(?<!个)人$|者$|得主$|(?:保障|救助|供养|帮扶|慰问|优抚|安置|服务|监护)对象|"  # 参保人, 代领人, 承租人, 权利人, 参保人员, 获奖者, 受助者: a header ending in 人 or 者 names people
    # Who is subsidised, relieved or declares (对象, 补贴对象, 发放对象, 申报主体): a person as often as not (fail closed).
    r"对象$|主体$|"
    r"^(?:full\s*)?name$|contact\s*(?:person|name)|applicant|person|"
    # Pinyin headers and their initials (xm 姓名, lxr 联系人, fzr 负责人, fddbr 法定代表人, jbr 经办人), only as
    # whole headers: xm inside a word (xmbh 项目编号) is something else.
    r"^(?:xm|xingming|xing_ming|lxr|lianxiren|fzr|fuzeren|fddbr|frdb|jbr|jingbanren|(?:real|true|person)_?name|"
    r"姓名拼音|拼音姓名|姓名\(拼音\)|姓名（拼音）)$", re.IGNORECASE)
_ENGLISH_NAME_WORD = re.compile(r"name|person|applicant", re.IGNORECASE)
# Yes/no questions about a person (是否本人) hold no name.
_NOT_PERSON_HEADER = re.compile(r"^是否")
# Headers of an ID document's number: under one, a cell shaped like an ID number is one even when its
# check character is wrong (a number Excel rounded to 15 digits still gives region and birth date).
# 社会保障号码 is the resident ID number (since 2011); sfzh, sfzhm are 身份证号(码) in pinyin initials.
_ID_HEADER = re.compile(r"身份证|证件号|^(?:有效)?证件$|身份号码|公民身份|证件编号|证照号码|社会保障号|社保号|(?<![a-z])id(?:card|no|number)|"
                        r"^sfz(?:h|hm|jhm)?$", re.IGNORECASE)
# Headers of a number a person is known by, which social-security and medical-insurance files often
# fill with the ID number (人员编号, 医保号, a bare ID): under one, a number shaped like an ID whose
# region and birth date survive is one, whatever its check character; other numbers are not.
_PERSON_NUMBER_HEADER = re.compile(r"人员编号|个人编号|医保(?:卡)?(?:号|编号)|参保(?:号|编号)|^id$", re.IGNORECASE)
# Headers that name a thing, not a person, though they contain a name word.
_THING_HEADER = re.compile(r"(?:单位|企业|机构|公司|项目|产品|商品|药品|设备|车辆|道路|街道|小区|学校|医院|文件|数据|资源|字段)"
                           r"(?:名称|名字)|名称$")
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚"
    "卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向"
    "汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单"
    "季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄"
    "窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查"
    "麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖"
    "练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那"
    "宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由")
COMPOUND_SURNAMES = ("欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|夏侯|轩辕|令狐|钟离|端木|独孤|南宫|西门|"
             "百里|呼延|拓跋|万俟|澹台|公冶|太史|申屠|闻人|赫连")
# Last characters of place, organisation and thing words (南岗区, 白菜, 高速路): not names.
NOT_NAME_ENDING = ("区县市省州镇乡村街路道巷号楼局委厅处科室站所院校馆园场厂店司行社会部队组团心类型品业费税款"
                   "额量数率价表单证书卡票网线车船机器材物菜果米面油肉蛋奶茶酒水电气热门口山河湖江桥")
# The same shapes for Arrow's RE2 and for Python's re.
NAME_SHAPE_RE2 = (rf"^(?:(?:{COMPOUND_SURNAMES})[\x{{4e00}}-\x{{9fff}}]{{1,2}}|[{SURNAMES}]\s?[\x{{4e00}}-\x{{9fff}}]{{1,2}}|"
                  r"[\x{4e00}-\x{9fff}]{1,8}[·•．][\x{4e00}-\x{9fff}]{1,10})$")
_NAME_SHAPE = re.compile(NAME_SHAPE_RE2.replace(r"\x{4e00}", "\u4e00").replace(r"\x{9fff}", "\u9fff"))
MASKED = "*"


def compact_header(header: str) -> str:
    """A header as matched: NFKC, without spaces."""
    # Forms align short headers with spaces, full-width ones too (姓　　名, 户 主).
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", header or ""))


def is_name_header(header: str) -> bool:
    text = compact_header(header)
    return bool(NAME_HEADER.search(text)) and not _THING_HEADER.search(text) and not _NOT_PERSON_HEADER.search(text)


def is_english_name_header(header: str) -> bool:
    """A name header in English (name, full name, contact person, applicant): such a word also heads
    other things (a list's codes under `name`: jd, hs, jt for 街道, 海事, 交通), so its cells count as
    names only when shaped as names (vectorized.py)."""
    text = compact_header(header)
    return text.isascii() and bool(_ENGLISH_NAME_WORD.search(text)) and is_name_header(header)


def is_id_header(header: str) -> bool:
    return bool(_ID_HEADER.search(compact_header(header)))


def is_person_number_header(header: str) -> bool:
    return bool(_PERSON_NUMBER_HEADER.search(compact_header(header))) and not is_id_header(header)


def looks_like_name(cell: str) -> bool:
    """A cell shaped like a Chinese name (by content, without a header's help)."""
    text = cell.strip()
    return bool(_NAME_SHAPE.match(text)) and text[-1] not in NOT_NAME_ENDING


def a_persons_name(cell: str) -> bool:
    """A cell that is one person's name where a label or a party's header says a person stands
    (姓名 | 王建国, 当事人名称): shaped as a Chinese name, or a name in pinyin (Zhang Wei); an
    anonymised one (王某, 张某某, as a 公示 publishes it) is nobody's."""
    text = cell.strip()
    return looks_like_name(text) and "某" not in text or looks_like_pinyin_name(text)


# Labels shaped like a name that name a day (周一 … 周日, 周末) or end as the names of lists and
# forms do (花名册, 登记簿, 汇总, 明细, 名录, 一览).
_DAY = re.compile(r"周[一二三四五六日天末]")
_LIST_ENDING = "册簿录细览总计况稿页"
# Words of tables that begin with a surname (单, 区, 万, 金, 余, 时, 方, 高, 温, 程, 安...): a sheet,
# defined name or property called so names no one.
TABLE_WORDS = frozenset("单位 单元 单价 区域 区划 万元 金额 余额 时间 时段 方式 方向 方法 高度 温度 程度 安全 安置 "
                         "全部 全年 全市 全区 应急 文件 文本 何时 邵阳 江北 江南 江岸 江湾 石油 石化 钱款 房屋 房产 车辆 车次 "
                         "包装 包括 尚未 常用 常住 平均 平台 向量 向阳 明年 明细 黄金 白天 夏季 秋季 冬季 武装 齐全 "
                        "公示 公告 公开 公布 公式 公司 汇总 附件 附表 名单 名录 统计 目录 清单 台账 报表 简报 通知 说明 "
                        "原表 原始 原件 总表 封面 首页 信息 数据 结果 情况 计划 计算 支出 收入 费用 万户 成果 成绩 任务".split())
# Words that end a list of people's name (张三丰名单, 王伟信息表): what is left before them may be a name.
_LIST_SUFFIX = re.compile(r"(?:的)?(?:名单|花名册|信息表|信息|登记表|情况表|情况|明细表?|汇总表?|申请表|申请书|档案|资料|材料|"
                          r"简历|证明|照片|个人|家庭|一户一档|台账|清单|统计表|表)$")


def names_a_person(label: str) -> bool:
    """A label that is a person's name by its shape alone (a sheet called 张伟, a comment's author):
    nothing around it says otherwise, so the shape decides (fail closed)."""
    text = label.strip()
    shaped = looks_like_name(text) and not _DAY.fullmatch(text) and text[-1] not in _LIST_ENDING \
        and text not in TABLE_WORDS
    if shaped or (stem := _LIST_SUFFIX.sub("", text)) == text or not stem:
        return shaped
    return names_a_person(stem)
