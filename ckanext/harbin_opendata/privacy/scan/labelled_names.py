"""Names after a contact label inside text, also without a colon: 经办人李四已核实, 申请人刘德华本人签字,
办理人：⏎崔永元. Without a colon the label is as often followed by an ordinary word (经办人员, 申请人数,
联系人信息, 负责人签字), so there the name must start with a surname and end where the sentence goes on
(a following word such as 已, 本人, 签字, a punctuation mark or the end of the text); a word after the
label that is not a name (NOT_NAMES) and a candidate that is a title or an anonymised name (王某,
张科长) are ruled out. The same strict shape follows the labels of a person in a deed, a payment or a
ruling (收款人, 户名, 业主, 被执行人 …: PERSON_LABELS, with or without a colon: an organisation or a word
is as often written there) and a signer's role alone with its colon (制表：张三, 会计：王五, 制  表：). Also
found without a label, by how text addresses a person: 王建国同志, 王建国等同志, 王建国先生/女士, 王建国（户主）, and
by the case a ruling names after a person (王建国销售过期食品案, case_names.py).
detectors.py finds them one by one; text_kinds.py selects the cells that may hold
one with Arrow's RE2 (LOOSE_RE2, a superset without lookarounds) and confirms them here."""
from __future__ import annotations

import re
from typing import Iterator

from ...common.tabular.footer import SIGNERS, SIGNING_ROLES, STAMP
from .case_names import CASE_LITERAL, CASE_RE2, case_names
from .names import COMPOUND_SURNAMES, NOT_NAME_ENDING, SURNAMES, TABLE_WORDS
from .pinyin_names import looks_like_pinyin_name

__all__ = ["COLON_LABELS", "CONTACT_LABELS", "PERSON_LABELS", "LABEL_LITERAL", "LOOSE_RE2", "FOLLOW", "NOT_A_PERSON",
           "NOT_NAMES", "SIGNED", "an_office", "loose_names"]

# Labels whose colon is followed by a name (联系人：王伟), and the contact labels also read without one.
# Every signer of a table's footer (common/tabular/footer.py: 审批人, 校对人) is one, and so are the
# leaders who sign (分管领导).
COLON_LABELS = ("姓名|联系人|负责人|经办人|办理人|制表人|填表人|审核人|复核人|填报人|统计人|申请人|法定代表人|法人代表|户主|"
                "患者|当事人|监护人|收件人|受理人|承办人|签收人|领取人|报送人|分管领导|主管领导|单位领导|"
                + "|".join(f"{signer}人" for signer in SIGNERS.split("|")))
# Between a label and its colon: where the signer signs or stamps (审核人（签字）：李红梅).
SIGNED = f"(?:{STAMP})?"
CONTACT_LABELS = ("经办人|申请人|联系人|负责人|办理人|审核人|复核人|填报人|填表人|制表人|统计人|收件人|监护人|当事人|受理人|承办人|签收人|领取人|"
                  "法定代表人|法人代表")  # 法定代表人王建国，已整改
# The person of a deed, a payment, a lease or a ruling (收款人王建国, 户名：王建国, 业主王建国).
PERSON_LABELS = ("收款人|开户名|户名|持卡人|业主|代理人|被执行人|承租人|出租人|责任人|户主|委托人|受托人|继承人|购房人|借款人|"
                 "担保人|联系人员")
_SPACE = "[ \t\u3000]"
# A signer's role before its colon, its characters perhaps spaced out (制  表：, 会  计：).
_ROLE = "|".join(f"{_SPACE}*".join(role) for role in SIGNING_ROLES.split("|"))
# How text addresses a person after the name, and the roles written in brackets after it.
_HONORIFIC = "同志|先生|女士"
_ROLE_IN_BRACKETS = ("户主|法人|法定代表人|法人代表|本人|申请人|负责人|联系人|经办人|代理人|被执行人|借款人|担保人|收款人|"
                     "个体工商户|个体户|个体")  # 王建国（个体）: a sole trader listed by their own name
# Cues of a household register's free text (办理情况, 备注): a name before 户, 本人, 代领, 签字 or 等5户
# (王建国户，因病致贫; 赵丽娟本人签字确认; 王建国等5户), after a kinship word (由其子张伟代领) or after a
# phone's extension (0451-86301230转王建国). No detector tells every name from words: these shapes are
# the ones such registers write, and decoys (王岗镇, 哈尔滨王家酒店有限公司) fit none of them.
_AFTER_CUE = "户(?![口籍主型数内外名别])|本人|代领|代办|代签|代收|签字|签名|等[0-9一二三四五六七八九十两]+(?:户|人|名|家)"
_KIN = "其|之"
_KIN_WORDS = "儿子|女儿|儿媳|女婿|配偶|孙子|孙女|子|女|妻|夫|父|母|兄|弟|姐|妹"
_BEFORE_CUE = rf"(?:(?:{_KIN})(?:{_KIN_WORDS})|(?<=[0-9])转)"
# Every label holds one of these (a literal test before the patterns run).
LABEL_LITERAL = (r"户|个体|本人|代[领办签收]|签[字名]|[其之](?:子|女|妻|夫|父|母|兄|弟|姐|妹|儿|孙|配偶)|[0-9]转|姓名|户主|患者|法人代表|领导|(?:联系|负责|经办|办理|制表|填表|审核|复核|填报|统计|申请|代表|当事|监护|收件|受理|承办|"
                 rf"签收|领取|报送|{SIGNERS})人|{PERSON_LABELS}|(?:{_ROLE}){_SPACE}*[：:]|{_HONORIFIC}|法人|{CASE_LITERAL}")
# Words that follow a contact label in ordinary sentences and begin with a surname character (信息,
# 方式, 应当, 于, 和 …) or are no name at all: after one, no name is looked for.
NOT_NAMES = (
    "员|数|次|群|们|于|和|与|及|向|由|为|应|时|都|来|相|曾|尚|随|须|需|可|以|在|是|的|等|对|将|已|未|不|无|均|共|总|签|"
    "信息|信用|信箱|信件|方式|方面|方法|方可|方案|单位|单独|单据|全部|全面|全年|全市|全区|全体|全称|全额|初次|初审|初步|"
    "国家|国有|国籍|计划|计算|支付|支持|支出|平均|平台|明确|明细|明显|常住|常年|常用|任职|任免|任期|任命|居住|居民|符合|"
    "申请|申报|申领|利用|利益|满意|满足|满一|成功|成为|成员|成本|查询|查看|查阅|母亲|原因|原籍|原件|原单位|原来|原有|原则|"
    "房屋|房产|房租|房源|车辆|车牌|公司|公积金|公示|公开|公民|公章|公告|项目|万元|万人|万户|余额|余下|金额|安全|安排|"
    "高度|高于|高校|温度|程序|程度|包括|齐全|白天|夏季|武装|宣传|门店|门诊|容易|敬请|史上|名称|名下|名单|名额|"
    "姓名|电话|手机|身份|证件|地址|邮箱|意见|变更|资格|情况|年龄|户籍|家庭|家属|配偶|子女|父母|简介|文件|关系|关于|"
    "区域|市场|康复|施工|施行|章程|包装|付款|付费|费用|严格|严重|方便|关注|管理|管辖|杜绝|全国|国内|上|下|中|大|小|多|少|同|"
    "盖章|范围|陈述|陈诉|许可|董事|肖像|陆续|黎明|顾及|钱款|殷切|焦点|甘愿|纪律|毕业|季度|涂改|解释|解决|解除|尤其|农业|"
    "简称|连续|党员|党组|卫生|商定|商量|荣获|甄别|仲裁|巩固|麻烦|官方|封存|谈话|惠及|劳动|盘点|位于|权利|权益|强制|索要|"
    "索取|晋升|普通|修改|况且|宿舍|印章|诸如|危险|银行|哈尔滨|宾馆|勾选|干部|展示|展开|花费|马上|郑重|罗列|田地|林业|雷同|"
    "文明|边缘|危房|平安|幸福|和睦|诚信|光荣|军属|烈属|"
    "文件|文书|文化|曲线|路线|路段|游客|辛苦|蒙受|华侨|艾滋|司法|古迹|吉林|景区|宫颈|冷藏|米面|师生|师资|沙发|燕窝|楚天")
# Where the sentence goes on after a name.
FOLLOW = ("已|本人|签字|签名|签章|盖章|核实|核对|确认|同意|审核|审批|办理|负责|联系|电话|手机|身份|于|在|为|对|将|从|经|并|及|和|"
           "与|等|提交|提出|申请|领取|签收|到|的|系|是|称|表示|反映|复核|处理|受理|按|代|亲自|陪同|携带|收到|填写|填报|登记|"
           "接待|承诺|无|未|不|现|住|男|女|年|岁|（|\\(")
_HAN = "\u4e00-\u9fff"
_NAME = (rf"[{_HAN}]{{1,8}}[·•][{_HAN}]{{1,10}}?|(?:{COMPOUND_SURNAMES})[{_HAN}]{{1,2}}?|[{SURNAMES}][{_HAN}]{{1,2}}?")
# The label, spaces, and a colon only when a line break follows (with a colon and no line break the
# colon pattern of detectors.py decides).
_GAP = r"[ \t\u3000]*(?:[：:]?[ \t\u3000]*\r?\n\s*)?"
_AFTER_NAME = rf"(?={FOLLOW}|[^{_HAN}]|$)"
_LOOSE = re.compile(rf"(?:{CONTACT_LABELS}){_GAP}(?!{NOT_NAMES})(?P<name>{_NAME}){_AFTER_NAME}")
_PERSON_LABEL = rf"(?:(?:{PERSON_LABELS}){_SPACE}*[：:]?|(?:{_ROLE}){_SPACE}*[：:]){_SPACE}*(?:\r?\n\s*)?"
_PERSON = re.compile(rf"{_PERSON_LABEL}(?!{NOT_NAMES})(?P<name>{_NAME}){_AFTER_NAME}")
# A pinyin name after such a label (收款人：Zhang Wei, 户名 WANG JIANGUO), confirmed as pinyin: a firm's
# English name (户名：Harbin Bank) is none.
_LATIN = "[A-Za-z]+(?:[ .][A-Za-z]+){1,2}"
_PERSON_PINYIN = re.compile(rf"{_PERSON_LABEL}(?P<name>{_LATIN})(?![A-Za-z])")
# Before an addressed name: the text's start, a mark, or a word that leads to a person (经王建国同志审核).
_LEAD = rf"(?:^|(?<=[^{_HAN}])|(?<=[经由请与和及向对给是为派同])|(?<=委托|协助|陪同|告知|通知|联系|关于))"
# Words addressed so that begin with a surname character (全体同志, 相关同志, 单身女士): nobody's name.
_ADDRESSED_WORDS = "全体|相关|公安|司机|战士|战友|成年|单身|白领|诸位|单位|公司|宣传|管理|平等|相等"
_HONORED = re.compile(rf"{_LEAD}(?!{NOT_NAMES}|{_ADDRESSED_WORDS})(?P<name>{_NAME})"
                      rf"(?:等?(?:{_HONORIFIC})|[（(](?:{_ROLE_IN_BRACKETS})[）)])")
# A village's name before 户 (王家屯户, 李家堡户) is a place's, as 南岗区 is (names.NOT_NAME_ENDING).
_CUED_AFTER = re.compile(rf"{_LEAD}(?!{NOT_NAMES}|{_ADDRESSED_WORDS})(?P<name>{_NAME})(?<![屯堡沟岗营窝庄寨甸])(?:{_AFTER_CUE})")
_CUED_BEFORE = re.compile(rf"{_BEFORE_CUE}(?![父母子女妻夫兄弟姐妹儿孙]|{NOT_NAMES})(?P<name>{_NAME}){_AFTER_NAME}")
# RE2: the label and a line break, or a surname's first character (a Latin letter after a person's
# label), or a name with the middle dot (most sentences, 经办人员, 申请人数, go no further); a surname's
# character or a dotted name before an honorific or a role in brackets.
_FIRST = "".join(sorted(set(SURNAMES) | {name[0] for name in COMPOUND_SURNAMES.split("|")}))
LOOSE_RE2 = (rf"(?:{CONTACT_LABELS})[ \t\x{{3000}}]*(?:[：:]?[ \t\x{{3000}}]*\r?\n\s*[\x{{4e00}}-\x{{9fff}}]|[{_FIRST}]|"
             r"[\x{4e00}-\x{9fff}]{1,8}[·•])"
             rf"|{_PERSON_LABEL}(?:[{_FIRST}A-Za-z]|[\x{{4e00}}-\x{{9fff}}]{{1,8}}[·•])"
             rf"|(?:[{_FIRST}][\x{{4e00}}-\x{{9fff}}]{{1,3}}|[·•][\x{{4e00}}-\x{{9fff}}]{{1,10}})"
             rf"(?:{_HONORIFIC}|[（(](?:{_ROLE_IN_BRACKETS})[）)])|{CASE_RE2}"
             rf"|[{_FIRST}][\x{{4e00}}-\x{{9fff}}]{{1,3}}(?:户|本人|代[领办签收]|签[字名]|等[0-9一二三四五六七八九十两]+[户人名家])"
             rf"|[其之](?:{_KIN_WORDS})[{_FIRST}]|[0-9]转[{_FIRST}]")
# A title, an honorific or an anonymised name is nobody's name (王某, 张先生, 李科长, 王老, 李总, 欧阳
# before 先生: a compound surname alone).
NOT_A_PERSON = re.compile(rf"某|先生|女士|同志|老师|师傅|科长|处长|局长|主任|经理|书记|部长|站长|所长|院长|校长|^.[老总]$|"
                           rf"^(?:{COMPOUND_SURNAMES})$")

# An office after a signer's label (制表人：市场科, 审核人：信息科): three characters or more ending as an
# office does, and starting either with no surname's character or with an ordinary word (信息, 市场, 宣传);
# 王建科, 李科 and 于建科 stay names.
_OFFICE_ENDING = re.compile("(?:科|处|室|股|局|办|中心|大队|中队|支队|小组|所|站|部|委|厅|院|馆)$")
_WORDS = frozenset(word for word in NOT_NAMES.split("|") if len(word) >= 2)


def an_office(value: str) -> bool:
    """Whether a value after a signer's label is an office rather than a person."""
    return len(value) >= 3 and bool(_OFFICE_ENDING.search(value)) and (value[0] not in _FIRST or value[:2] in _WORDS)


def loose_names(text: str) -> Iterator[re.Match[str]]:
    """Names after a contact label without a colon (or on the line after it), after a person's label
    or a signer's role (in pinyin too), and before an honorific or a role in brackets, in text as
    detectors.reading_forms gives it."""
    for match in (*_LOOSE.finditer(text), *_PERSON.finditer(text), *_HONORED.finditer(text),
                  *_CUED_AFTER.finditer(text), *_CUED_BEFORE.finditer(text)):
        name = match.group("name")
        if name[-1] in NOT_NAME_ENDING or name in TABLE_WORDS or NOT_A_PERSON.search(name):
            continue
        yield match
    yield from (match for match in _PERSON_PINYIN.finditer(text) if looks_like_pinyin_name(match.group("name")))
    yield from case_names(text)
