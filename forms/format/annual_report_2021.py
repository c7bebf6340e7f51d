"""《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）as data.

Applies to reports for 2021 and later years. A later official revision is a new
module beside this one, never an edit of it: a stored report keeps its form id.

Glossary (English names in ids and code, Chinese in labels):
    proactive     主动公开            on_request     依申请公开
    carried       上年结转            carry_next     结转下年度继续办理
    disclosed     予以公开            partial        部分公开
    withheld      不予公开            unable         无法提供
    not_processed 不予处理            other          其他处理
    review        行政复议            suit_direct    未经复议直接起诉
    suit_after_review 复议后起诉      in_force       现行有效件数
    finding       审核结果            draft / final  草稿 / 定稿
    not applicable 不适用（“/”）
"""

from enum import StrEnum

from forms.format.spec import (
    Axis,
    Code,
    Column,
    DistinctTexts,
    FeeStatement,
    Form,
    Kind,
    Number,
    Placeholders,
    Relation,
    Row,
    Rule,
    Section,
    Severity,
    StatedCount,
    StatedCounts,
    StatedRequests,
    Table,
    TextField,
    TextsRequired,
)

FORM_ID = "gov-info-disclosure-annual-report/2021"


class Check(StrEnum):
    """The relation rules of this format (the engine's own are `spec.Code`)."""

    S3_ROW_TOTAL = "S3_ROW_TOTAL"
    S3_RESULT_TOTAL = "S3_RESULT_TOTAL"
    S3_BALANCE = "S3_BALANCE"
    S4_TOTAL = "S4_TOTAL"
    PREV_CARRIED = "PREV_CARRIED"
    PREV_IN_FORCE = "PREV_IN_FORCE"


# ── 一、总体情况 ──────────────────────────────────────────────────────────────

S1_INTRO = TextField(
    "s1.intro",
    "",
    "总体概述本年度政府信息公开工作：贯彻落实《中华人民共和国政府信息公开条例》、"
    "围绕中心工作推进政务公开的总体情况。",
)
S1_PROACTIVE = TextField(
    "s1.proactive",
    "（一）主动公开",
    "主动公开政府信息的情况：公开了哪些重点领域信息、发布数量、政策解读、公开渠道等。",
)
S1_ON_REQUEST = TextField(
    "s1.on_request",
    "（二）依申请公开",
    "收到和办理政府信息公开申请的情况：本年新收申请多少件、办理和答复情况；"
    "未收到申请的，写明未收到。数字应与表三一致。",
)
S1_MANAGEMENT = TextField(
    "s1.management",
    "（三）政府信息管理",
    "政府信息管理的情况：公开前保密审查、公开属性认定、动态更新、规范性文件清理等。",
)
S1_PLATFORMS = TextField(
    "s1.platforms",
    "（四）政府信息公开平台建设",
    "政府网站、政务新媒体、公开栏等公开平台的建设和管理情况。",
)
S1_OVERSIGHT = TextField(
    "s1.oversight",
    "（五）监督保障",
    "组织领导、制度建设、培训、考核、社会评议和责任追究等监督保障情况。",
)

# ── 二、主动公开政府信息情况 ───────────────────────────────────────────────────

_ISSUED = Column("issued", ("本年制发件数",), "本年制发")
_REPEALED = Column("repealed", ("本年废止件数",), "本年废止")
_IN_FORCE = Column("in_force", ("现行有效件数",), "现行有效")
_DECISIONS = Column("decisions", ("本年处理决定数量",))

S2_ART20_1 = Table(
    id="s2.art20_1",
    prefix="s2",
    caption="第二十条第（一）项",
    corner="信息内容",
    columns=(_ISSUED, _REPEALED, _IN_FORCE),
    rows=(Row("rules", ("规章",)), Row("normative", ("行政规范性文件",))),
    not_applicable=True,
)
S2_ART20_5 = Table(
    id="s2.art20_5",
    prefix="s2",
    caption="第二十条第（五）项",
    corner="信息内容",
    columns=(_DECISIONS,),
    rows=(Row("licensing", ("行政许可",)),),
    not_applicable=True,
)
S2_ART20_6 = Table(
    id="s2.art20_6",
    prefix="s2",
    caption="第二十条第（六）项",
    corner="信息内容",
    columns=(_DECISIONS,),
    rows=(Row("penalty", ("行政处罚",)), Row("enforcement", ("行政强制",))),
    not_applicable=True,
)
S2_ART20_8 = Table(
    id="s2.art20_8",
    prefix="s2",
    caption="第二十条第（八）项",
    corner="信息内容",
    columns=(Column("amount", ("本年收费金额（单位：万元）",), "本年收费金额"),),
    rows=(Row("fees", ("行政事业性收费",)),),
    number=Number.AMOUNT,
    not_applicable=True,
)

# ── 三、收到和处理政府信息公开申请情况 ─────────────────────────────────────────

_APPLICANTS = "申请人情况"
_ORG = "法人或其他组织"
_APPLICANT_KEYS = (
    "natural",
    "commercial",
    "research",
    "public_interest",
    "legal_service",
    "other_org",
)
_RESULTS = "三、本年度办理结果"
_WITHHELD = "（三）不予公开"
_UNABLE = "（四）无法提供"
_NOT_PROCESSED = "（五）不予处理"
_OTHER = "（六）其他处理"
_RESULT_KEYS = (
    "disclosed",
    "partial",
    "withheld.1",
    "withheld.2",
    "withheld.3",
    "withheld.4",
    "withheld.5",
    "withheld.6",
    "withheld.7",
    "withheld.8",
    "unable.1",
    "unable.2",
    "unable.3",
    "not_processed.1",
    "not_processed.2",
    "not_processed.3",
    "not_processed.4",
    "not_processed.5",
    "other.1",
    "other.2",
    "other.3",
)

S3_TABLE = Table(
    id="s3",
    prefix="s3",
    corner="（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    columns=(
        Column("natural", (_APPLICANTS, "自然人")),
        Column("commercial", (_APPLICANTS, _ORG, "商业企业")),
        Column("research", (_APPLICANTS, _ORG, "科研机构")),
        Column("public_interest", (_APPLICANTS, _ORG, "社会公益组织")),
        Column("legal_service", (_APPLICANTS, _ORG, "法律服务机构")),
        Column("other_org", (_APPLICANTS, _ORG, "其他"), "其他法人或其他组织"),
        Column(
            "total",
            (_APPLICANTS, "总计"),
            kind=Kind.TOTAL,
            parts=_APPLICANT_KEYS,
            parts_name="各类申请人之和",
            rule=Check.S3_ROW_TOTAL,
        ),
    ),
    rows=(
        Row("new", ("一、本年新收政府信息公开申请数量",), "本年新收"),
        Row("carried", ("二、上年结转政府信息公开申请数量",), "上年结转"),
        Row("disclosed", (_RESULTS, "（一）予以公开"), "予以公开"),
        Row(
            "partial",
            (_RESULTS, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            "部分公开",
        ),
        Row("withheld.1", (_RESULTS, _WITHHELD, "1.属于国家秘密"), "不予公开-国家秘密"),
        Row(
            "withheld.2",
            (_RESULTS, _WITHHELD, "2.其他法律行政法规禁止公开"),
            "不予公开-法律行政法规禁止",
        ),
        Row("withheld.3", (_RESULTS, _WITHHELD, "3.危及“三安全一稳定”"), "不予公开-三安全一稳定"),
        Row("withheld.4", (_RESULTS, _WITHHELD, "4.保护第三方合法权益"), "不予公开-第三方合法权益"),
        Row("withheld.5", (_RESULTS, _WITHHELD, "5.属于三类内部事务信息"), "不予公开-内部事务信息"),
        Row("withheld.6", (_RESULTS, _WITHHELD, "6.属于四类过程性信息"), "不予公开-过程性信息"),
        Row("withheld.7", (_RESULTS, _WITHHELD, "7.属于行政执法案卷"), "不予公开-行政执法案卷"),
        Row("withheld.8", (_RESULTS, _WITHHELD, "8.属于行政查询事项"), "不予公开-行政查询事项"),
        Row("unable.1", (_RESULTS, _UNABLE, "1.本机关不掌握相关政府信息"), "无法提供-本机关不掌握"),
        Row("unable.2", (_RESULTS, _UNABLE, "2.没有现成信息需要另行制作"), "无法提供-需另行制作"),
        Row("unable.3", (_RESULTS, _UNABLE, "3.补正后申请内容仍不明确"), "无法提供-补正后仍不明确"),
        Row(
            "not_processed.1",
            (_RESULTS, _NOT_PROCESSED, "1.信访举报投诉类申请"),
            "不予处理-信访举报投诉",
        ),
        Row("not_processed.2", (_RESULTS, _NOT_PROCESSED, "2.重复申请"), "不予处理-重复申请"),
        Row(
            "not_processed.3",
            (_RESULTS, _NOT_PROCESSED, "3.要求提供公开出版物"),
            "不予处理-公开出版物",
        ),
        Row(
            "not_processed.4",
            (_RESULTS, _NOT_PROCESSED, "4.无正当理由大量反复申请"),
            "不予处理-大量反复申请",
        ),
        Row(
            "not_processed.5",
            (_RESULTS, _NOT_PROCESSED, "5.要求行政机关确认或重新出具已获取信息"),
            "不予处理-确认或重新出具",
        ),
        Row(
            "other.1",
            (_RESULTS, _OTHER, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            "其他处理-逾期不补正",
        ),
        Row(
            "other.2",
            (
                _RESULTS,
                _OTHER,
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            ),
            "其他处理-逾期未缴费",
        ),
        Row("other.3", (_RESULTS, _OTHER, "3.其他"), "其他处理-其他"),
        Row(
            "total",
            (_RESULTS, "（七）总计"),
            "办理结果总计",
            kind=Kind.TOTAL,
            parts=_RESULT_KEYS,
            parts_name="各项办理结果之和",
            rule=Check.S3_RESULT_TOTAL,
        ),
        Row("carry_next", ("四、结转下年度继续办理",), "结转下年度"),
    ),
)

# ── 四、政府信息公开行政复议、行政诉讼情况 ─────────────────────────────────────


_REVIEW = ("行政复议",)
_DIRECT = ("行政诉讼", "未经复议直接起诉")
_AFTER = ("行政诉讼", "复议后起诉")
_OUTCOMES = ("upheld", "corrected", "other", "pending")

S4_TABLE = Table(
    id="s4",
    prefix="s4",
    columns=(
        Column("review.upheld", (*_REVIEW, "结果维持"), "行政复议结果维持"),
        Column("review.corrected", (*_REVIEW, "结果纠正"), "行政复议结果纠正"),
        Column("review.other", (*_REVIEW, "其他结果"), "行政复议其他结果"),
        Column("review.pending", (*_REVIEW, "尚未审结"), "行政复议尚未审结"),
        Column(
            "review.total",
            (*_REVIEW, "总计"),
            "行政复议总计",
            Kind.TOTAL,
            tuple(f"review.{k}" for k in _OUTCOMES),
            rule=Check.S4_TOTAL,
        ),
        Column("suit_direct.upheld", (*_DIRECT, "结果维持"), "直接起诉结果维持"),
        Column("suit_direct.corrected", (*_DIRECT, "结果纠正"), "直接起诉结果纠正"),
        Column("suit_direct.other", (*_DIRECT, "其他结果"), "直接起诉其他结果"),
        Column("suit_direct.pending", (*_DIRECT, "尚未审结"), "直接起诉尚未审结"),
        Column(
            "suit_direct.total",
            (*_DIRECT, "总计"),
            "直接起诉总计",
            Kind.TOTAL,
            tuple(f"suit_direct.{k}" for k in _OUTCOMES),
            rule=Check.S4_TOTAL,
        ),
        Column("suit_after_review.upheld", (*_AFTER, "结果维持"), "复议后起诉结果维持"),
        Column("suit_after_review.corrected", (*_AFTER, "结果纠正"), "复议后起诉结果纠正"),
        Column("suit_after_review.other", (*_AFTER, "其他结果"), "复议后起诉其他结果"),
        Column("suit_after_review.pending", (*_AFTER, "尚未审结"), "复议后起诉尚未审结"),
        Column(
            "suit_after_review.total",
            (*_AFTER, "总计"),
            "复议后起诉总计",
            Kind.TOTAL,
            tuple(f"suit_after_review.{k}" for k in _OUTCOMES),
            rule=Check.S4_TOTAL,
        ),
    ),
    rows=(Row("", ()),),
)

# ── 五、六 ────────────────────────────────────────────────────────────────────

S5_PROBLEMS = TextField(
    "s5.problems",
    "（一）存在问题",
    "本年度政府信息公开工作存在的主要问题。",
    optional_heading=True,
)
S5_IMPROVEMENTS = TextField(
    "s5.improvements",
    "（二）改进措施",
    "针对上述问题的改进措施，以及上一年度问题的改进情况。",
    optional_heading=True,
)
S6_OTHER = TextField(
    "s6.other",
    "",
    "依据《政府信息公开信息处理费管理办法》说明本年度收取信息处理费的情况"
    "（未收取的写明未收取），以及落实上级年度政务公开工作要点、人大代表建议和"
    "政协提案办理结果公开等需要报告的事项。",
)

# ── counts stated in the text (TEXT_MATCHES_TABLE) ───────────────────────────

# Between a subject and its count: a few characters of one clause, never a second
# subject (、和及与或, 结转, 上年), a breakdown (其中) nor another number.
_GAP = r"(?:(?!结转|上年|其中)[^，,。；;：:、和及与或\d]){0,10}?"
_COUNT = r"{n}\s*(?:件|个|宗)"
_REQUEST_TEXTS = ("s1.intro", "s1.on_request")
_NOT_LAST_YEAR = r"(?<!上年)(?<!去年)(?<!上年度)(?<!上一年)(?<!上一年度)"
# Sentences about something else that is also answered or counted in 件.
_NOT_REQUESTS = (
    "许可", "处罚", "强制", "复议", "诉讼", "信访", "建议", "提案", "热线", "留言",
    "咨询", "投诉", "12345", "来信", "举报", "资金", "经费",
)  # fmt: skip
_AS_PARTY = ("信息公开",)  # 四 counts the reviews and suits about 政府信息公开 only
# Outcomes and stages are parts of a count, and a body that decides reviews counts others'.
_REVIEW_PARTS = (
    "维持", "纠正", "纠错", "撤销", "败诉", "胜诉", "确认违法", "审结", "审理",
    "受理", "办理", "复议机关", "被纠",
)  # fmt: skip
_CATALOGUE = ("事项", "清单", "目录", "裁量", "受理", "申请", "承诺", "网上", "立案", "权力")

STATED_COUNTS = (
    StatedCount(
        "表三（七）总计",
        (r"(?:答复|办结|办理完毕)" + _GAP + _COUNT,),
        ("s3.total.total",),
        _REQUEST_TEXTS,
        unless=_NOT_REQUESTS,
        needs=("申请",),
    ),
    StatedCount(
        "表三结转下年度继续办理总计",
        (
            _NOT_LAST_YEAR + r"(?:结转|顺延)" + _GAP + _COUNT,
            _COUNT + r"[^，,。；;\d]{0,6}?(?:结转|顺延)(?:至|到)?下",
        ),
        ("s3.carry_next.total",),
        _REQUEST_TEXTS,
        unless=_NOT_REQUESTS,
    ),
    StatedCount(
        "表三上年结转总计",
        (r"(?:上年|上一年|去年)度?结转" + _GAP + _COUNT,),
        ("s3.carried.total",),
        _REQUEST_TEXTS,
        unless=_NOT_REQUESTS,
    ),
    StatedCount(
        "表四行政复议总计",
        (r"行政复议" + _GAP + _COUNT,),
        ("s4.review.total",),
        unless=("起诉", *_REVIEW_PARTS),  # 行政复议后起诉 is a suit
        needs=_AS_PARTY,
    ),
    StatedCount(
        "表四行政诉讼总计（未经复议直接起诉与复议后起诉之和）",
        (r"行政诉讼" + _GAP + _COUNT,),
        ("s4.suit_direct.total", "s4.suit_after_review.total"),
        unless=("复议后", "直接起诉", "应诉", *_REVIEW_PARTS),  # parts of 诉讼
        needs=_AS_PARTY,
    ),
    StatedCount(
        "表二行政规范性文件现行有效件数",
        (
            r"现行有效的?(?:行政)?规范性文件" + _GAP + r"{n}\s*(?:件|份|部|个)",
            r"(?:行政)?规范性文件" + _GAP + r"现行有效" + _GAP + r"{n}\s*(?:件|份|部|个)",
        ),
        ("s2.normative.in_force",),
        unless=("清理", "废止", "失效", "修订", "备案"),
    ),
    StatedCount(
        "表二规章现行有效件数",
        (
            r"现行有效的?(?:政府)?规章" + _GAP + r"{n}\s*(?:件|份|部|个)",
            r"规章" + _GAP + r"现行有效" + _GAP + r"{n}\s*(?:件|份|部|个)",
        ),
        ("s2.rules.in_force",),
        unless=("清理", "废止", "失效", "修订", "备案"),
    ),
    StatedCount(
        "表二行政许可本年处理决定数量",
        (r"行政许可" + _GAP + r"{n}\s*(?:件|宗|起)",),
        ("s2.licensing.decisions",),
        unless=_CATALOGUE,
    ),
    StatedCount(
        "表二行政处罚本年处理决定数量",
        (r"行政处罚" + _GAP + r"{n}\s*(?:件|宗|起)",),
        ("s2.penalty.decisions",),
        unless=_CATALOGUE,
    ),
    StatedCount(
        "表二行政强制本年处理决定数量",
        (r"行政强制" + _GAP + r"{n}\s*(?:件|宗|起)",),
        ("s2.enforcement.decisions",),
        unless=_CATALOGUE,
    ),
)
# Words that make any count ambiguous: another body (a government office answering for
# the government, all departments of a district), another time or a comparison.
STATED_UNLESS = (
    "代表", "全市", "全区", "全县", "全省", "全镇", "各部门", "各单位", "各镇", "各街道",
    "各乡镇", "各县", "各区", "下属", "所属", "系统", "累计", "以来", "历年", "近三年",
    "同比", "较上年", "比上年", "增加", "减少", "增长", "下降", "上升", "持平",
)  # fmt: skip

# ── the form ─────────────────────────────────────────────────────────────────

_SIDES = "{where}：{left}，{right}，差 {difference}"

ANNUAL_REPORT_2021 = Form(
    id=FORM_ID,
    title="政府信息公开工作年度报告",
    document="国办公开办函〔2021〕30号",
    first_year=2021,
    sections=(
        Section(
            "s1",
            "一、总体情况",
            (S1_INTRO, S1_PROACTIVE, S1_ON_REQUEST, S1_MANAGEMENT, S1_PLATFORMS, S1_OVERSIGHT),
            "总体情况",
        ),
        Section(
            "s2",
            "二、主动公开政府信息情况",
            (S2_ART20_1, S2_ART20_5, S2_ART20_6, S2_ART20_8),
            "主动公开",
        ),
        Section("s3", "三、收到和处理政府信息公开申请情况", (S3_TABLE,), "依申请公开"),
        Section("s4", "四、政府信息公开行政复议、行政诉讼情况", (S4_TABLE,), "复议诉讼"),
        Section("s5", "五、存在的主要问题及改进情况", (S5_PROBLEMS, S5_IMPROVEMENTS), "问题与改进"),
        Section("s6", "六、其他需要报告的事项", (S6_OTHER,), "其他事项"),
    ),
    rules=(
        Rule(
            Code.FILLED,
            Severity.ERROR,
            "每个数字格都要填写（没有的填0）",
            "{table}有 {count} 格未填写：{cells}",
            lists_blanks=True,
        ),
        Rule(
            Code.VALUE,
            Severity.ERROR,
            "件数为非负整数；收费金额为非负数，最多6位小数",
            "{cell}：“{value}”不是{expected}",
        ),
        Rule(Check.S3_ROW_TOTAL, Severity.ERROR, "表三每行的总计等于各类申请人之和", _SIDES),
        Rule(
            Check.S3_RESULT_TOTAL,
            Severity.ERROR,
            "表三每列的（七）总计等于各项办理结果之和",
            _SIDES,
        ),
        Rule(
            Check.S3_BALANCE,
            Severity.ERROR,
            "表三每列：第一项加第二项之和，等于第三项加第四项之和",
            _SIDES,
        ),
        Rule(Check.S4_TOTAL, Severity.ERROR, "表四每组的总计等于四种结果之和", _SIDES),
        Rule(
            Check.PREV_CARRIED,
            Severity.WARNING,
            "本年“上年结转”等于上年报告的“结转下年度继续办理”",
            _SIDES,
        ),
        Rule(
            Check.PREV_IN_FORCE,
            Severity.WARNING,
            "现行有效件数等于上年现行有效件数加本年制发、减本年废止",
            _SIDES,
        ),
        Rule(
            Code.TEXT_REQUIRED,
            Severity.ERROR,
            "总体情况、存在问题、改进措施和其他事项都要填写",
            "“{field}”尚未填写",
            first_field_only=True,
        ),
        Rule(
            Code.FEE_STATEMENT,
            Severity.WARNING,
            "其他需要报告的事项中说明本年度收取信息处理费的情况",
            "“{field}”中没有说明本年度收取信息处理费的情况"
            "（依据《政府信息公开信息处理费管理办法》，如：本年度未收取信息处理费。）",
        ),
        Rule(
            Code.NOT_APPLICABLE,
            Severity.WARNING,
            "填写“/”（不适用）的格按 0 计算",
            "{cell}填写为“/”（不适用），按 0 计算",
        ),
        Rule(
            Code.TEXT_UNCHANGED,
            Severity.WARNING,
            "文字按本年度情况写：不与上年报告相同，不把上一年写成报告年度，存在问题与改进措施不相同",
            "“{field}”{reason}",
        ),
        Rule(
            Code.TEXT_MATCHES_TABLE,
            Severity.WARNING,
            "正文所写的件数与表格一致",
            "“{field}”写的是“{phrase}”（{stated} 件），{cell}为 {table}",
        ),
        Rule(
            Code.TEXT_PLACEHOLDER,
            Severity.WARNING,
            "存在问题和改进措施要写明实际情况，不能只写“无”",
            "“{field}”只写了“{text}”：评议时按未报告处理，请写明实际存在的问题或改进措施",
        ),
    ),
    relations=(
        Relation(Check.S3_BALANCE, "s3", Axis.COLUMN, ("new", "carried"), ("total", "carry_next")),
        Relation(Check.PREV_CARRIED, "s3", Axis.COLUMN, ("carried",), ("prev:carry_next",)),
        Relation(
            Check.PREV_IN_FORCE,
            "s2.art20_1",
            Axis.ROW,
            ("in_force",),
            ("prev:in_force", "issued", "-repealed"),
        ),
    ),
    texts_required=TextsRequired(
        (
            (
                "s1.intro",
                "s1.proactive",
                "s1.on_request",
                "s1.management",
                "s1.platforms",
                "s1.oversight",
            ),
            ("s5.problems",),
            ("s5.improvements",),
            ("s6.other",),
        )
    ),
    fee_statement=FeeStatement(
        "s6.other", ("信息处理费",), "本年度未收取信息处理费。", cell="s2.fees.amount"
    ),
    stated_requests=StatedRequests(
        ("s1.intro", "s1.on_request"),
        "s3.new.total",
        counted=(
            # 收到申请 12 件, 受理政府信息公开申请1,234件
            r"(?:新收|收到|受理|接到|接收)[^。；;，,]{0,30}?申请[^。；;，,\d]{0,6}?"
            r"(\d{1,3}(?:,\d{3})+|\d+)\s*(?:件|个|宗)",
            # 收到 12 件申请
            r"(?:新收|收到|受理|接到|接收)[^。；;，,\d]{0,10}?(\d{1,3}(?:,\d{3})+|\d+)\s*"
            r"(?:件|个|宗)[^。；;，,]{0,20}?申请",
        ),
        none=r"(?:未|没有)(?:收到|受理|接到)[^。；;]{0,40}申请",
    ),
    distinct_texts=DistinctTexts(("s5.problems", "s5.improvements")),
    stated_counts=StatedCounts(STATED_COUNTS, STATED_UNLESS),
    placeholders=Placeholders(
        ("s5.problems", "s5.improvements"),
        ("无", "暂无", "没有", "暂时没有", "无问题", "暂无问题", "略", "空"),
    ),
)
