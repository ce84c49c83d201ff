"""Generate a province-scale synthetic corpus of power lists (YAML) for the benchmarks.

Deterministic for a given --seed: list i depends only on (seed, i), so the first N lists of a
2,000-list corpus are the N-list corpus. Items vary names, citations, stages, 序号 and power
codes, in the shapes of the seed lists (their item names and legal bases are added to the pools:
from lists/*.yaml when imported, else from the raw tables in /work/shared/seeds), and a share of
items carries a defect of a class named in DOMAIN.md section 6.

    python bench/generate.py --lists 2000 --out /tmp/powerlint-corpus   # ~200,000 items
    python bench/generate.py --lists 400 --like-seeds --out /tmp/seedlike  # the seeds' own items

With --like-seeds every item is a whole item of a seed list (lists/*.yaml: long quoted articles, the
seeds' stage texts and defects as published), renumbered and given the generated list's department,
so a province of such lists quotes the same articles in every county, as real provinces do.

Never commit a generated corpus; write it to a temporary directory.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import random
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

CN = "零一二三四五六七八九"
STEM = r"(彝族自治州|白族自治州|省|市|县|区)$"
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
TYPE_CODES = {"行政许可": "01", "行政处罚": "02", "行政强制": "03", "行政征收": "04", "行政给付": "05",
              "行政检查": "06", "行政确认": "07", "行政奖励": "08", "行政裁决": "09", "其他行政权力": "10"}
PROVINCES = {"甘肃省": ["天水市", "酒泉市", "兰州市", "白银市", "定西市"], "云南省": ["楚雄彝族自治州", "大理白族自治州", "曲靖市"],
             "四川省": ["遂宁市", "绵阳市", "南充市", "宜宾市"], "河南省": ["洛阳市", "开封市", "信阳市"]}
PLACE_CHARS = "安平宁康泰和永昌兴盛华阳山河清源东西南北中新丰庆临武文广瓜州姚水秦麦积甘谷武山张家"
SUBJECTS = ["定点医疗机构", "定点零售药店", "医疗保障经办机构", "参保人员", "用人单位", "医疗保障基金使用单位",
            "医药企业", "医疗保障服务机构"]
OFFENCES = ["骗取医疗保障基金支出", "未按规定办理医疗保险登记", "违反医疗保障基金使用规定", "不按规定保管财务账目",
            "拒绝医疗保障行政部门监督检查", "重复收费、超标准收费", "将不属于基金支付范围的医药费用纳入结算",
            "伪造、变造医学文书", "分解住院、挂床住院", "串换药品、医用耗材"]
PEOPLE = ["城乡居民", "城镇职工", "特困供养人员", "低保对象", "优抚对象", "灵活就业人员", "退役军人", "新生儿"]
SERVICES = ["基本医疗保险待遇", "医疗救助金", "生育保险待遇", "门诊慢特病待遇", "异地就医备案", "大病保险待遇"]
GENERIC = {
    "行政处罚": lambda r: f"对{r.choice(SUBJECTS)}{r.choice(OFFENCES)}的处罚",
    "行政检查": lambda r: f"对{r.choice(SUBJECTS)}执行医疗保障法律法规情况的监督检查",
    "行政给付": lambda r: f"{r.choice(PEOPLE)}{r.choice(SERVICES)}给付",
    "行政确认": lambda r: f"{r.choice(PEOPLE)}{r.choice(['参保登记', '待遇资格', '医疗费用报销', '转移接续'])}确认",
    "行政征收": lambda r: f"{r.choice(['城镇职工', '城乡居民'])}基本医疗保险费征收",
    "行政强制": lambda r: f"对{r.choice(SUBJECTS)}有关资料、物品的{r.choice(['封存', '查封', '扣押'])}",
    "行政奖励": lambda r: f"对举报{r.choice(OFFENCES)}行为的奖励",
    "行政许可": lambda r: f"{r.choice(SUBJECTS)}{r.choice(['定点资格', '协议管理'])}审批",
    "行政裁决": lambda r: f"{r.choice(SUBJECTS)}医疗保障服务协议争议裁决",
    "其他行政权力": lambda r: f"{r.choice(['药品', '医用耗材', '医疗服务项目'])}医疗保障目录{r.choice(['调整', '管理', '备案'])}",
}
TYPE_WEIGHTS = [("行政处罚", 30), ("行政检查", 12), ("行政给付", 14), ("行政确认", 14), ("行政征收", 5),
                ("行政强制", 6), ("行政奖励", 5), ("行政许可", 3), ("行政裁决", 2), ("其他行政权力", 9)]
STAGES = {
    "行政处罚": ["立案", "调查", "审查", "告知", "决定", "送达", "执行", "事后监管"],
    "行政许可": ["受理", "审查", "决定", "送达", "事后监管"],
    "行政强制": ["催告", "决定", "执行", "事后监管"],
    "行政征收": ["受理", "审查", "决定", "送达"],
    "行政给付": ["受理", "审查", "决定", "兑现", "事后监管"],
    "行政确认": ["受理", "审查", "决定", "送达"],
    "行政检查": ["检查", "处置", "信息公开", "事后监管"],
    "行政奖励": ["受理", "审查", "公示", "决定", "兑现"],
    "行政裁决": ["受理", "审查", "决定", "送达"],
    "其他行政权力": ["受理", "审核", "办理"],
}
STAGE_TEXT = {
    "立案": "对发现的{o}行为予以审查，决定是否立案。",
    "调查": "主管部门对立案的案件，指定专人负责，及时组织调查取证，与当事人有直接利害关系的应当回避。执法人员不得少于两人，调查时应当出示执法证件。",
    "审查": "对{s}提交的材料进行审查，提出处理意见；主要证据不足时，以适当的方式补充调查。",
    "审核": "对申请材料进行审核，材料不全的一次性告知需要补正的全部内容。",
    "告知": "作出决定前，应制作告知书送达当事人，告知违法事实及享有的陈述、申辩等权利。",
    "决定": "根据审查情况作出决定，制作决定书，载明违法事实和证据、依据、履行方式和期限等内容。",
    "送达": "决定书按法律规定的方式送达当事人。",
    "执行": "依照生效的决定执行，当事人逾期不履行的依法申请人民法院强制执行。",
    "事后监管": "对{s}履行情况进行监督检查，发现问题及时依法处理。",
    "受理": "公示应当提交的材料，一次性告知补正材料，依法受理或不予受理（不予受理的应当告知理由）。",
    "催告": "作出强制执行决定前，应当事先催告当事人履行义务。",
    "兑现": "按规定时限将{v}足额发放到位。",
    "公示": "对拟奖励的对象在一定范围内公示，接受社会监督。",
    "检查": "制定年度检查计划，按照双随机一公开的要求对{s}开展检查。",
    "处置": "对检查中发现的问题依法作出处理，涉嫌犯罪的移送司法机关。",
    "信息公开": "依法公开检查结果。",
    "办理": "按规定办理并反馈结果。",
}
LABELS = [("{n}. ", "{s}阶段责任："), ("（{n}）", "{s}责任："), ("", "{s}责任："), ("{n}、", "{s}阶段责任：")]
CATCH_ALL = "其他法律法规规章文件规定应履行的责任。"
# (title, issue number or order, highest article) — DOMAIN.md section 8, plus invented local documents.
DOCUMENTS = [
    ("中华人民共和国社会保险法", "主席令第三十五号", 98), ("医疗保障基金使用监督管理条例", "国务院令第735号", 50),
    ("社会救助暂行办法", "国务院令第649号", 70), ("医疗机构管理条例", "国务院令第149号", 55),
    ("国务院关于建立城镇职工基本医疗保险制度的决定", "国发〔1998〕44号", 0),
    ("国务院关于开展城镇居民基本医疗保险试点的指导意见", "国发〔2007〕20号", 0),
    ("城镇职工基本医疗保险定点医疗机构管理暂行办法", "劳社部发〔1999〕14号", 24),
    ("城镇职工基本医疗保险定点零售药店管理暂行办法", "劳社部发〔1999〕16号", 20),
    ("违法违规使用医疗保障基金举报奖励办法", "医保办发〔2022〕22号", 24),
    ("社会保险基金财务制度", "财社字〔1999〕60号", 60), ("医疗机构医疗保障定点管理暂行办法", "国家医疗保障局令第2号", 49),
    ("零售药店医疗保障定点管理暂行办法", "国家医疗保障局令第3号", 47), ("社会保险费申报缴纳管理规定", "人力资源社会保障部令第20号", 35),
    ("国务院关于印发社会信用体系建设规划纲要（2014—2020年）的通知", "国发〔2014〕21号", 0),
    ("中华人民共和国行政处罚法", "主席令第七十号", 86), ("中华人民共和国行政强制法", "主席令第四十九号", 71),
]
QUOTES = ["社会保险经办机构以及医疗机构、药品经营单位等社会保险服务机构以欺诈、伪造证明材料或者其他手段骗取社会保险基金支出的，由社会保险行政部门责令退回骗取的社会保险金，处骗取金额二倍以上五倍以下的罚款。",
          "县级以上人民政府加强社会保险费的征收工作。", "医疗保障行政部门应当加强对纳入医疗保障基金支付范围的医疗服务行为和医疗费用的监督。",
          "国家对最低生活保障家庭成员、特困供养人员给予医疗救助。", ""]
TRADITIONAL = {"选": "選", "电": "電", "报": "報", "监": "監", "险": "險", "费": "費"}
LOOKALIKE = {"救助": "教助", "法律": "注律", "统筹": "统第", "审核": "申核", "基金": "基合"}
DEFECTS = ["type", "stage_missing", "stage_order", "docnum", "number_dup", "number_gap", "traditional", "lookalike",
           "space", "jurisdiction", "body_empty", "code_length", "code_type", "article_dup", "truncated", "repeat"]


def cn_number(n: int) -> str:
    """Chinese numeral for 1..999 (as articles are cited: 第八十七条)."""
    hundreds, tens, ones = n // 100, n // 10 % 10, n % 10
    out = (CN[hundreds] + "百") if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else CN[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (CN[ones] if ones else "")


def credit_code(r: random.Random, division: str) -> str:
    body = "11" + division + "".join(r.choice(CREDIT_ALPHABET) for _ in range(9))
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(body, CREDIT_WEIGHTS))
    return body + CREDIT_ALPHABET[(31 - total % 31) % 31]


def seed_pools() -> tuple[list[tuple[str, str]], list[str]]:
    """(name, power type) pairs and basis texts of the real lists: lists/*.yaml, else the raw seeds."""
    names, bases = [], []
    files = sorted(glob.glob(str(ROOT / "lists" / "*.yaml")))
    if files:
        for path in files:
            data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            for item in (data or {}).get("items") or []:
                if isinstance(item, dict) and isinstance(item.get("name"), str):
                    names.append((item["name"], str(item.get("power_type") or "")))
                    bases += [b for b in item.get("basis") or [] if isinstance(b, str)]
        return names, bases
    for path in sorted(SEEDS.glob("*.txt")):
        header: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if cells[0].strip() == "序号":
                header = cells
            elif header and len(cells) == len(header) and cells[0].strip().isdigit():
                row = dict(zip(header, cells))
                name = row.get("事项名称") or row.get("职权名称") or ""
                names.append((name, row.get("权力类型") or row.get("权力事项类型") or ""))
                basis = row.get("设定依据") or row.get("实施依据") or ""
                bases += [t for t in (re.sub(r"<[^>]+>", "", p).strip() for p in basis.split("</p>")) if t]
    return names, bases


def seed_items() -> list[tuple[dict, dict]]:
    """Every item of the imported seed lists (lists/*.yaml), as written there, with its list's region."""
    items = []
    for path in sorted(glob.glob(str(ROOT / "lists" / "*.yaml"))):
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        region = ((data or {}).get("meta") or {}).get("region") or {}
        items += [(item, region) for item in (data or {}).get("items") or [] if isinstance(item, dict)]
    return items


def moved(item: dict, source: dict, target: dict) -> dict:
    """A copy of a seed item with its own list's place names (full, then without 省/市/县/州) made the target's."""
    text = json.dumps(item, ensure_ascii=False)
    for strip in (False, True):
        for level in ("county", "city", "province"):
            old, new = source.get(level), target.get(level) or target.get("city") or target["province"]
            if old:
                text = text.replace(re.sub(STEM, "", old) if strip else old, re.sub(STEM, "", new) if strip else new)
    return json.loads(text)


class ListGenerator:
    def __init__(self, seed: int, defect_rate: float = 0.06, items: int = 100, like_seeds: bool = False):
        self.seed = seed
        self.defect_rate = defect_rate
        self.items = items
        self.seed_names, self.seed_bases = seed_pools()
        self.seed_items = seed_items() if like_seeds else []

    def make(self, index: int) -> dict:
        r = random.Random(f"{self.seed}:{index}")
        province = r.choice(sorted(PROVINCES))
        city = r.choice(PROVINCES[province])
        level = r.choices(["县级", "市级", "省级"], [80, 18, 2])[0]
        county = "".join(r.sample(PLACE_CHARS, 2)) + r.choice(["县", "区"]) if level == "县级" else None
        place = county or (city if level == "市级" else province)
        department = f"{place}医疗保障局"
        other = r.choice([c for c in PROVINCES[province] if c != city] or ["某市"])
        ctx = {"department": department, "other": other, "region": {"province": province, "city": city, "county": county}, "credit": credit_code(r, f"{r.randrange(110000, 659999)}"),
               "level": level}
        count = max(1, int(r.gauss(self.items, self.items * 0.3)))
        seqs: dict[str, int] = {}
        items = [self.item(r, ctx, n + 1, seqs) for n in range(count)]
        region = {"province": province, "city": city if level != "省级" else None, "county": county}
        return {"format": "powerlist/1",
                "meta": {"title": f"{department}权责清单", "department": department, "region": region,
                         "level": level, "published": f"{r.randrange(2016, 2026)}-{r.randrange(1, 13):02d}-{r.randrange(1, 29):02d}"},
                "items": items}

    def item(self, r: random.Random, ctx: dict, number: int, seqs: dict) -> dict:
        if self.seed_items:
            item = moved(*r.choice(self.seed_items), ctx["region"])
            item["number"] = str(number)
            if item.get("body"):
                item["body"] = ctx["department"]
            return item
        ptype = r.choices([t for t, _ in TYPE_WEIGHTS], [w for _, w in TYPE_WEIGHTS])[0]
        name = GENERIC[ptype](r)
        if self.seed_names and r.random() < 0.3:
            seed_name, seed_type = r.choice(self.seed_names)
            if seed_type in STAGES:
                name, ptype = seed_name, seed_type
        seqs[ptype] = seqs.get(ptype, 0) + 1
        code = f"{ctx['credit']}362{TYPE_CODES[ptype]}36{seqs[ptype]:03d}000"
        item = {"number": str(number), "name": name, "power_type": ptype, "power_code": code,
                "body": ctx["department"], "unit": r.choice(["基金监管科", "待遇保障科", "医药服务管理科", "办公室", "规划财务和法规科"]),
                "basis": self.basis(r, ptype), "stages": self.stages(r, ptype, name),
                "accountability": "因不履行或不正确履行行政职责，有下列情形的，行政机关及相关工作人员应承担相应责任：1. 对符合条件的不予办理的；2. 玩忽职守、滥用职权的；3. 其他违反法律法规规章规定的行为。",
                "accountability_basis": "《中华人民共和国社会保险法》第八十九条；《行政机关公务员处分条例》（国务院令第495号）",
                "supervision": f"监督电话：0{r.randrange(900, 999)}-{r.randrange(1000000, 9999999)}",
                "remedy": "依法申请行政复议或提起行政诉讼", "remarks": None}
        if r.random() < self.defect_rate:
            self.defect(r, ctx, item, r.choice(DEFECTS))
        return item

    def basis(self, r: random.Random, ptype: str) -> list[str]:
        out = []
        for _ in range(r.choice((1, 1, 2, 2, 3))):
            if self.seed_bases and r.random() < 0.1:
                out.append(r.choice(self.seed_bases))
                continue
            title, number, last = r.choice(DOCUMENTS)
            short = title.removeprefix("中华人民共和国") if r.random() < 0.3 else title
            cite = f"《{short}》（{number}）"
            if last:
                article = r.randrange(1, last + 1)
                cite += f"第{cn_number(article) if r.random() < 0.8 else article}条"
                quote = r.choice(QUOTES)
                if quote:
                    cite += f"：“{quote}”"
            out.append(cite)
        return out

    def stages(self, r: random.Random, ptype: str, name: str) -> list[dict]:
        number, heading = r.choice(LABELS)
        words = {"o": name.removeprefix("对").removesuffix("的处罚"), "s": r.choice(SUBJECTS), "v": r.choice(SERVICES)}
        out = []
        for n, stage in enumerate(STAGES[ptype], 1):
            out.append({"label": number.format(n=n) + heading.format(s=stage), "name": stage,
                        "text": STAGE_TEXT[stage].format(**words)})
        out.append({"label": number.format(n=len(out) + 1) or None, "name": None, "text": CATCH_ALL})
        return out

    def defect(self, r: random.Random, ctx: dict, item: dict, kind: str) -> None:
        stages, basis = item["stages"], item["basis"]
        if kind == "type":
            item["power_type"] = r.choice(["行处罚", "行处政罚", "行确", "行政罚处"])
        elif kind == "stage_missing" and len(stages) > 2:
            del stages[r.randrange(len(stages) - 1)]
        elif kind == "stage_order" and len(stages) > 3:
            stages[0], stages[2] = stages[2], stages[0]
        elif kind == "docnum":
            basis.append(f"《某办法》（{r.choice(['人社部[2016]120号', '甘医保发(2022)35号', '国发【2014】21号', '国发〔20017〕3号', '国务院令第六49号'])}）")
        elif kind == "number_dup":
            item["number"] = str(max(1, int(item["number"]) - 1))
        elif kind == "number_gap":
            item["number"] = str(int(item["number"]) + r.randrange(1, 4))
        elif kind in ("traditional", "lookalike"):
            table = TRADITIONAL if kind == "traditional" else LOOKALIKE
            stage = r.choice(stages)
            for a, b in table.items():
                stage["text"] = stage["text"].replace(a, b, 1)
            item["name"] = item["name"].replace("救助", "教助")
        elif kind == "space":
            item["body"] = ctx["department"].replace("医疗保障局", "医疗保障 局")
        elif kind == "jurisdiction":
            stages[0]["text"] += f"报{ctx['other']}医疗保障局备案。" if ctx["level"] == "县级" else "在全省范围内公示。"
        elif kind == "body_empty":
            item["body"] = None
        elif kind == "code_length":
            item["power_code"] = item["power_code"][:-r.randrange(1, 4)]
        elif kind == "code_type":
            item["power_code"] = item["power_code"][:21] + r.choice(list(TYPE_CODES.values())) + item["power_code"][23:]
        elif kind == "article_dup" and basis:
            basis.append(basis[0])
        elif kind == "truncated":
            stage = r.choice(stages)
            stage["text"] = stage["text"][: max(4, len(stage["text"]) // 2)]
        elif kind == "repeat":
            stage = r.choice(stages)
            stage["text"] += stage["text"][-8:] * 3

    def write(self, index: int, out: Path) -> tuple[Path, int]:
        data = self.make(index)
        path = out / f"list-{index:05d}.yaml"
        text = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=10 ** 6)
        path.write_text(f"# 合成基准清单 {index}（bench/generate.py --seed {self.seed}）\n" + text, encoding="utf-8")
        return path, len(data["items"])


def generate(lists: int, out: Path, seed: int = 1, items: int = 100, defect_rate: float = 0.06,
             like_seeds: bool = False) -> int:
    """Write `lists` lists under `out`; return the number of items (files already there are kept)."""
    out.mkdir(parents=True, exist_ok=True)
    gen = ListGenerator(seed, defect_rate, items, like_seeds)
    return sum(gen.write(i, out)[1] for i in range(lists))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lists", type=int, default=10)
    parser.add_argument("--items", type=int, default=100, help="mean items per list")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--defect-rate", type=float, default=0.06)
    parser.add_argument("--like-seeds", action="store_true", help="items taken whole from the seed lists")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    total = generate(args.lists, args.out, args.seed, args.items, args.defect_rate, args.like_seeds)
    size = sum(p.stat().st_size for p in args.out.glob("*.yaml"))
    print(f"{args.lists} lists, {total} items, {size / 1e6:.1f} MB in {os.fspath(args.out)}")


if __name__ == "__main__":
    main()
