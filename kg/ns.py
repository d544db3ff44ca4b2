"""The kg vocabulary as an rdflib DefinedNamespace: a typo in a term fails at import, not in a graph.

Every term here is declared, labelled (zh-Hans, en) and aligned in ``ontology.ttl``;
``tests/test_ontology.py`` keeps the two in step.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg.vocab import DEFAULT_BASE as DEFAULT_BASE  # defined there, light, for kg --help
from kg.vocab import KG_NAMESPACE

ELI = Namespace("http://data.europa.eu/eli/ontology#")


class KG(DefinedNamespace):
    """Terms of https://w3id.org/policy-kg/def# (prefix ``kg:``)."""

    _fail = True
    _NS = Namespace(KG_NAMESPACE)

    # Classes
    PolicyDocument: URIRef  # a policy document (实施意见, 实施方案, 工作要点 ...)
    Section: URIRef  # a top-level part of a document (一、...)
    Task: URIRef  # a numbered measure ((一), 1., (1) ...) that agencies answer for
    Agency: URIRef  # a government organisation named as responsible
    CollectiveAgency: URIRef  # a group named as one (省政府有关部门, 各市政府)
    Responsibility: URIRef  # one agency's role in one task, qualified
    Role: URIRef  # lead, support or shared, as a SKOS concept
    AgencyKind: URIRef  # department, commission, bureau ... as a SKOS concept
    Place: URIRef  # a province, city, district or zone
    PlaceKind: URIRef  # province, city, county, zone as a SKOS concept
    Target: URIRef  # a quantified goal
    Comparator: URIRef  # exactly, at least, at most, about, range
    SourceSpan: URIRef  # a character range of the original text
    TextWarning: URIRef  # something the parser noticed and did not understand
    DeadlineKind: URIRef  # by a date, ongoing or recurring, as a SKOS concept
    PersonRole: URIRef  # what a named leader does for a task, as a SKOS concept

    # Structure
    path: URIRef  # number path such as "2.1"
    marker: URIRef  # the number as written: "(一)"
    position: URIRef  # 1-based order among siblings (parts, or agencies in a clause)
    inDocument: URIRef  # section or task -> its document
    text: URIRef  # the Simplified text of a section, task or clause
    clauseText: URIRef  # the responsibility clause as written (Simplified)
    deadlineText: URIRef  # a deadline as written: "2023年底前完成"
    deadlineYear: URIRef  # the year a task or target is due (xsd:gYear)
    due: URIRef  # the end of a task's deadline as precisely as written (xsd:date or xsd:gYearMonth)
    dueDate: URIRef  # the last day the deadline covers (xsd:date), for comparisons
    deadlineKind: URIRef  # task -> byDate, ongoing or recurring
    deadlineKinds: URIRef  # the concept scheme of deadline kinds
    byDate: URIRef  # due by a day or a month (2023年底前, 2023年6月底前)
    ongoing: URIRef  # work that runs on (持续推进, 长期坚持)
    recurring: URIRef  # work that comes back (每年, 每季度)

    # Persons
    person: URIRef  # task -> foaf:Person named as its leader (责任领导, 分管领导)
    post: URIRef  # the person's post as written (副市长)
    personRole: URIRef  # person -> leads or responsible
    personRoles: URIRef  # the concept scheme of leaders' roles
    leads: URIRef  # 牵头负责领导, 牵头领导
    responsible: URIRef  # 责任领导, 分管领导

    # Document metadata
    issuer: URIRef  # document -> issuing agency
    jurisdiction: URIRef  # document or agency -> the place whose government it belongs to
    cites: URIRef  # document -> a document of the graph it refers to (文号 or 《title》)
    citation: URIRef  # document -> a reference to another document as written
    recipient: URIRef  # 主送 recipient as written
    copiedTo: URIRef  # 抄送 recipient as written
    printer: URIRef  # the office that printed the document, as written
    printed: URIRef  # print date (xsd:date)
    sourceFile: URIRef  # file name the document was read from
    checksum: URIRef  # sha256 of the decoded original text
    sourcePath: URIRef  # a store's build record: the file a named graph was built from
    fileChecksum: URIRef  # a store's build record: sha256 of that file's bytes
    builtWith: URIRef  # a store's build record: the kg version that built the graph
    buildSummary: URIRef  # a store's build record: what the build found, as JSON

    # Responsibilities
    ledBy: URIRef  # task -> agency that leads (牵头)
    supportedBy: URIRef  # task -> agency that supports (配合)
    sharedBy: URIRef  # task -> agency responsible for its part (分工负责, 负责)
    responsibility: URIRef  # task -> Responsibility
    agency: URIRef  # Responsibility -> Agency
    role: URIRef  # Responsibility -> Role
    openList: URIRef  # the agency list of the clause ended with 等
    lead: URIRef  # Role 牵头
    support: URIRef  # Role 配合
    shared: URIRef  # Role 分工负责 / 负责 / 责任单位
    roles: URIRef  # the concept scheme of roles

    # Agencies
    shortName: URIRef  # Simplified short name as documents use it: 省商务厅
    kind: URIRef  # agency -> AgencyKind, place -> PlaceKind
    inGazetteer: URIRef  # whether the agency was found in the gazetteer
    successor: URIRef  # agency -> the body that took over after a reform abolished it
    abolished: URIRef  # the year a reform abolished the agency (xsd:gYear)
    USCC: URIRef  # datatype of an org:identifier that is a 统一社会信用代码 (GB 32100-2015)
    agencyKinds: URIRef  # the concept scheme of agency kinds
    department: URIRef  # 厅
    commission: URIRef  # 委 / 委员会
    bureau: URIRef  # 局
    office: URIRef  # 办 / 办公厅 / 办公室
    government: URIRef  # 人民政府 of a province, county or district
    cityGovernment: URIRef  # 市人民政府
    collective: URIRef  # a group of agencies named as one
    partyOrgan: URIRef  # a Party committee organ (省委宣传部 ...)
    otherAgency: URIRef  # any other organisation

    # Places
    mentionsPlace: URIRef  # task -> place named in it
    gbCode: URIRef  # GB/T 2260 code
    withinPlace: URIRef  # place -> the place that contains it
    placeKinds: URIRef  # the concept scheme of place kinds
    province: URIRef  # 省级
    prefecture: URIRef  # 地级 (prefecture-level city)
    county: URIRef  # 县级 (county, district, county-level city)
    zone: URIRef  # development or pilot zone without a GB/T 2260 code

    # Targets
    target: URIRef  # task or section -> Target
    quantity: URIRef  # the number (xsd:decimal)
    minQuantity: URIRef  # lower bound of a range
    maxQuantity: URIRef  # upper bound of a range
    unit: URIRef  # 项, 个, %, 亿元 ...
    object: URIRef  # what is counted: 原创技术标准
    comparator: URIRef  # Target -> Comparator
    comparators: URIRef  # the concept scheme of comparators
    exactly: URIRef
    atLeast: URIRef  # 以上
    atMost: URIRef  # 以下, 以内, 不超过
    about: URIRef  # 左右, 约
    range: URIRef  # 3-5

    # Provenance
    source: URIRef  # task, responsibility, target or warning -> SourceSpan
    start: URIRef  # first character (0-based) in the original text
    end: URIRef  # one past the last character
    line: URIRef  # 1-based line of the start
    column: URIRef  # 1-based column of the start
    quote: URIRef  # the original characters of the span
    origin: URIRef  # where in the file the span stands: "page 3", "table 2 row 4 cell 3"

    # Warnings
    warning: URIRef  # document -> TextWarning
    warningKind: URIRef  # damaged-text, unknown-agency, unrecognised-text ...
    message: URIRef  # human-readable message
