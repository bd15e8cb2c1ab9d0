"""The words of the annual report in its two languages. The report sent to the city government is
Chinese (the DOCX and HTML files); the portal's English pages show the same report in English. The
words live here, not in the gettext catalog, so that the Chinese document reads the same whatever
the interface language."""
from __future__ import annotations

__all__ = ["WORDS", "PROBLEMS", "ADVICE"]

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "哈尔滨市公共数据开放年度报告（{year}年）",
        "subtitle": "依据《哈尔滨市公共数据开放管理办法》第十八条编制 · 评估日期 {date}",
        "date": "{d.year}年{d.month}月{d.day}日",
        "overview": "一、总体情况",
        "overview_text": "截至{date}，全市共有{agencies}个公共管理和服务机构在市开放平台开放数据，已发布开放目录{entries}个，"
                         "其中{year}年新发布{published}个；已挂接数据的目录{with_data}个，占{share}。全市平均得分{score}分。",
        "figures": "表1 主要统计数据", "item": "项目", "value": "数值",
        "agencies": "开放机构数", "entries": "已发布目录数", "published_in_year": "{year}年新发布目录数",
        "open_unconditional": "无条件开放目录数", "open_conditional": "有条件开放目录数",
        "entries_without_data": "未挂接数据的目录数", "late_entries": "未按周期更新的目录数",
        "views": "浏览量（近一年）", "downloads": "下载量（近一年）", "api_calls": "接口调用量（近一年）",
        "data_requests": "{year}年收到的数据需求", "corrections": "{year}年收到的纠错申请",
        "closed": "{year}年已办结的需求和纠错", "applications": "有条件开放申请数（近一年）",
        "applications_handled": "已办理的申请数（近一年）", "applications_on_time": "按期办理的申请数（近一年）",
        "grants": "批准的申请数（近一年）", "applications_refused": "不予批准的申请数（近一年）",
        "tables_checked": "与数据项核对的数据表数", "tables_consistent": "与数据项一致的数据表数",
        "results": "二、评估结果",
        "results_text": "依据《哈尔滨市公共数据开放评估指标体系》（版本 {version}），从准备度、平台层、数据层和"
                        "利用层四个维度对各机构进行评估，结果如下。",
        "score_chart": "图1 各机构综合得分", "ranking": "表2 各机构得分及排名",
        "rank": "排名", "agency": "机构", "score": "综合得分",
        "quality": "三、数据质量与利用", "layer_chart": "图2 各维度全市平均得分", "indicator_means": "表3 各项指标全市平均值",
        "layer": "维度", "indicator": "指标", "mean": "平均值", "mean_score": "平均得分", "basis": "依据",
        "change": "四、年度变化",
        "change_text": "{year}年共进行{runs}次评估，全市平均得分由{first}分变为{last}分。",
        "one_run": "{year}年共进行1次评估。", "trend_chart": "图3 全市平均得分变化",
        "problems": "五、存在问题和改进建议", "problem_table": "表4 存在问题",
        "problem": "问题", "agencies_concerned": "涉及机构数", "count": "数量", "advice": "改进建议",
        "annex": "附：评估指标体系", "weights": "表5 指标及权重", "layer_weight": "维度（权重）", "weight": "权重",
        "scoring": "计分方式", "layer_with_weight": "{label}（{weight}）", "ratio_scale": "比例×100",
        "linear_scale": "{zero} 计 0 分，{full} 计 100 分",
    },
    "en": {
        "title": "Harbin Public Data Opening Annual Report ({year})",
        "subtitle": "Prepared under Article 18 of the Harbin Public Data Opening Measures · assessed on {date}",
        "date": "{d:%Y-%m-%d}",
        "overview": "1. Overview",
        "overview_text": "As of {date}, {agencies} public administration and service agencies open data on the city's "
                         "platform, with {entries} published catalog entries, {published} of them first published in "
                         "{year}; {with_data} entries have data attached ({share}). The city's mean score is {score}.",
        "figures": "Table 1 Key figures", "item": "Item", "value": "Value",
        "agencies": "Agencies opening data", "entries": "Published catalog entries",
        "published_in_year": "Entries first published in {year}",
        "open_unconditional": "Entries open without conditions", "open_conditional": "Entries open under conditions",
        "entries_without_data": "Entries without data", "late_entries": "Entries not updated on schedule",
        "views": "Views (last year)", "downloads": "Downloads (last year)", "api_calls": "API calls (last year)",
        "data_requests": "Data requests received in {year}", "corrections": "Correction requests received in {year}",
        "closed": "Requests and corrections closed in {year}",
        "applications": "Access applications (last year)", "applications_handled": "Applications handled (last year)",
        "applications_on_time": "Applications handled on time (last year)", "grants": "Applications approved (last year)",
        "applications_refused": "Applications refused (last year)",
        "tables_checked": "Tables checked against their data items",
        "tables_consistent": "Tables matching their data items",
        "results": "2. Assessment results",
        "results_text": "Each agency was assessed under the Harbin public data openness assessment model (version "
                        "{version}) in four layers: readiness, platform, data and use. The results follow.",
        "score_chart": "Figure 1 Score by agency", "ranking": "Table 2 Scores and ranking of the agencies",
        "rank": "Rank", "agency": "Agency", "score": "Score",
        "quality": "3. Data quality and use", "layer_chart": "Figure 2 City mean score by layer",
        "indicator_means": "Table 3 City mean of each indicator",
        "layer": "Layer", "indicator": "Indicator", "mean": "Mean value", "mean_score": "Mean score", "basis": "Basis",
        "change": "4. Change over the year",
        "change_text": "{runs} assessments were made in {year}; the city's mean score went from {first} to {last}.",
        "one_run": "One assessment was made in {year}.", "trend_chart": "Figure 3 City mean score over time",
        "problems": "5. Problems and advice", "problem_table": "Table 4 Problems",
        "problem": "Problem", "agencies_concerned": "Agencies concerned", "count": "Count", "advice": "Advice",
        "annex": "Annex: the assessment model", "weights": "Table 5 Indicators and weights",
        "layer_weight": "Layer (weight)", "weight": "Weight", "scoring": "Scoring",
        "layer_with_weight": "{label} ({weight})", "ratio_scale": "share × 100",
        "linear_scale": "{zero} scores 0, {full} scores 100",
    },
}

PROBLEMS: dict[str, dict[str, str]] = {
    "zh": {
        "late_entries": "未按更新周期更新的目录", "entries_without_data": "未挂接数据的目录",
        "incomplete_entries": "元数据不完整的目录", "not_machine_readable": "含非可机读格式文件的目录",
        "undocumented_entries": "数据项说明不完整的目录", "broken_resources": "无法访问的文件和接口",
        "requests_overdue": "逾期未答复的需求和纠错", "adjustments_overdue": "逾期未完成的目录调整",
        "applications_overdue": "逾期未办理的有条件开放申请",
    },
    "en": {
        "late_entries": "Entries not updated on schedule", "entries_without_data": "Entries without data",
        "incomplete_entries": "Entries with incomplete metadata",
        "not_machine_readable": "Entries with files that are not machine-readable",
        "undocumented_entries": "Entries with undocumented data items", "broken_resources": "Unreachable files and APIs",
        "requests_overdue": "Requests and corrections past their due date",
        "adjustments_overdue": "Catalog adjustments past their due date",
        "applications_overdue": "Access applications past their due date",
    },
}

ADVICE: dict[str, dict[str, str]] = {
    "zh": {
        "late_entries": "督促相关单位按照更新周期及时更新数据，并在目录中如实填写最近更新日期。",
        "entries_without_data": "对只编目、未挂接数据的目录，限期挂接数据文件或接口。",
        "incomplete_entries": "补全联系方式、时间范围、空间范围等元数据项。",
        "not_machine_readable": "以 CSV、XLSX、JSON 等可机读格式替代或补充 PDF、DOCX 等文件。",
        "undocumented_entries": "为每个数据项补充说明，便于使用者准确理解数据。",
        "broken_resources": "修复无法访问的下载地址和接口。",
        "requests_overdue": "在规定时限内答复公众的数据需求和纠错申请。",
        "adjustments_overdue": "在十五日内完成目录调整（第九条）。",
        "applications_overdue": "在规定的工作日内审核有条件开放数据的使用申请，不予批准的说明理由。",
    },
    "en": {
        "late_entries": "Have the agencies update their data on schedule and give the true date of the last update "
                        "in the catalog.",
        "entries_without_data": "Attach data files or APIs, by a set date, to entries that are catalogued only.",
        "incomplete_entries": "Complete the contacts, time coverage, spatial coverage and other metadata.",
        "not_machine_readable": "Replace or complement PDF, DOCX and similar files with machine-readable formats "
                                "such as CSV, XLSX and JSON.",
        "undocumented_entries": "Describe every data item so that users understand the data correctly.",
        "broken_resources": "Repair unreachable download addresses and APIs.",
        "requests_overdue": "Answer the public's data requests and corrections within the time allowed.",
        "adjustments_overdue": "Complete catalog adjustments within fifteen days (Article 9).",
        "applications_overdue": "Decide on applications for conditionally open data within the working days "
                                "allowed, and give the reasons of a refusal.",
    },
}
