"""Generate ``sample_data/workspace/``: the key-account plans of a fictional supplier.

We are Tecnoplast Italia S.p.A. (Verona; compounding and film plants in Verona, a machining
workshop in Castel Maggiore near Bologna): industrial plastics, packaging materials and
services. The plans below are written as plain data shaped like the plan file (see
``kamtui/model.py``), decoded with kamtui's own reader (so every enum, range and reference is
checked) and written with the canonical writer ``kamtui.plan.codec.dumps_plan``.

The customer ids match ``sample_data/revenue.csv`` (see ``make_revenue.py``). Dates are chosen
against the pinned "today" of the tests, 2026-11-30: some actions are overdue, some plans are
due for review.

Deterministic and rerunnable, from the repository root::

    .venv/bin/python sample_data/make_workspace.py
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import Any

from kamtui.plan.codec import decode_plan, dumps_plan
from kamtui.plan.file import parse_plan
from kamtui.store.workspace import GITATTRIBUTES, GITIGNORE

OUT = Path(__file__).resolve().parent / "workspace"

Doc = dict[str, Any]


def day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def text(block: str) -> str:
    """A multi-line free-text value written as an indented block in this file."""
    return textwrap.dedent(block).strip()


# Our people (owners of accounts and actions).
MARIA = "Maria Rossi"  # KAM food and pharma
PAOLO = "Paolo Conti"  # KAM automotive
ELENA = "Elena Marchetti"  # KAM retail and consumer goods
DAVIDE = "Davide Greco"  # KAM industry, logistics, agriculture
SOFIA = "Sofia Ricci"  # KAM export (Germany, France, USA)
MARCO = "Marco Valli"  # application engineering
CHIARA = "Chiara Fontana"  # quality
LUCA = "Luca Benedetti"  # customer service and logistics


# -- A: Gruppo Alimentare Padano -----------------------------------------------------------

ALIMENTARE_PADANO: Doc = {
    "account": {
        "name": "Gruppo Alimentare Padano S.p.A.",
        "customer_ids": ["C00017", "C00018"],
        "industry": "Food processing (cured meats, ready meals)",
        "owner": MARIA,
        "segment": "A",
        "review_every_days": 30,
        "last_review": day("2026-11-18"),
    },
    "where_am_i": {
        "business": text("""
            Family-owned food group from Parma: cured meats, sliced charcuterie and ready meals
            for Italian and EU retail, under its own brands and as private label.
            Three plants (Parma, Lodi, Modena), about 1,100 employees, revenue about €780M.
            We supply thermoformable bottom webs, lidding films and MAP trays for the sliced
            lines (C00017 head office and Parma; C00018 the Lodi plant, invoiced separately).
        """),
        "priorities": text("""
            1. 60% of packaging recyclable mono-material (PP or PET) by the end of 2027: a
               commitment made to two German retailers.
            2. Cut packaging cost per pack by 5% to offset meat price inflation.
            3. Raise OEE of the Lodi slicing lines (film breaks are the first cause of stops).
        """),
        "buying_motivation": text("""
            Security of supply and line efficiency first: a stopped slicing line costs about
            €9k an hour. Then price per thousand packs. Recyclability is now a retailer
            requirement, not a bonus.
        """),
        "decision_process": text("""
            Framework agreement every two years (next one from March 2027), prices reviewed each
            quarter against a resin index. Packaging R&D qualifies materials with line trials;
            plant directors can veto a material on their lines. The Purchasing Director
            negotiates; the CFO signs anything above €1M.
        """),
        "relationship_level": "solution-provider",
        "accessibility": {
            "technical": {
                "rating": 5,
                "note": "All our PP/EVOH/PP bottom webs are qualified on the Parma and Lodi "
                "lines; the mono-PP lidding film is in trial.",
            },
            "economic": {
                "rating": 4,
                "note": "Margin about 18% even with the quarterly index clause; pays at 90 days, "
                "always on time.",
            },
            "commercial": {
                "rating": 5,
                "note": "Direct relationship, consignment stock in Lodi, EDI orders since 2024.",
            },
        },
        "buying_centre": {
            "francesca-bertolini": {
                "name": "Francesca Bertolini",
                "title": "Purchasing Director",
                "role": "economic-buyer",
                "influence": "high",
                "attitude": "supporter",
                "orientation": "financial",
                "relationship": 4,
                "last_contact": day("2026-11-18"),
                "notes": "Runs the 2027 framework renegotiation. Wants an index clause that also "
                "passes on resin price decreases.",
            },
            "giorgio-manfredi": {
                "name": "Giorgio Manfredi",
                "title": "Head of Packaging R&D",
                "role": "champion",
                "influence": "high",
                "attitude": "ally",
                "orientation": "technical",
                "relationship": 5,
                "last_contact": day("2026-11-10"),
                "notes": "Sponsor of the mono-material project; co-presented with us at "
                "Ipack-Ima in May.",
            },
            "anna-ferrari": {
                "name": "Anna Ferrari",
                "title": "CFO",
                "role": "decision-maker",
                "influence": "high",
                "attitude": "neutral",
                "orientation": "financial",
                "relationship": 2,
                "last_contact": day("2026-05-14"),
            },
            "roberto-ghidini": {
                "name": "Roberto Ghidini",
                "title": "Plant Director, Lodi",
                "role": "influencer",
                "influence": "medium",
                "attitude": "critic",
                "orientation": "technical",
                "relationship": 2,
                "last_contact": day("2026-07-22"),
                "notes": text("""
                    Still remembers the film breaks of spring 2025 (one bad batch of lidding
                    film). Needs to see the stop data, not a sales pitch.
                """),
            },
            "stefano-rinaldi": {
                "name": "Stefano Rinaldi",
                "title": "Quality and Sustainability Manager",
                "role": "influencer",
                "influence": "medium",
                "attitude": "supporter",
                "orientation": "business",
                "relationship": 3,
                "last_contact": day("2026-10-28"),
            },
        },
        "competitors": {
            "polimeri-sud": {
                "name": "Polimeri Sud S.r.l.",
                "share_of_wallet": 30,
                "strengths": [
                    "Incumbent for lidding films at Modena",
                    "Lowest price on standard PET lidding",
                ],
                "weaknesses": [
                    "No mono-material PP lidding film yet",
                    "Late deliveries in Q2 2026",
                ],
                "positioning": text("""
                    We do not fight on price for commodity PET lidding: we sell the mono-PP
                    system (bottom web and lid) as one recyclable pack, backed by line support.
                """),
            },
            "nordfolien": {
                "name": "Nordfolien GmbH",
                "share_of_wallet": 15,
                "strengths": [
                    "Strong in high-barrier films",
                    "Known to the German retailers' packaging teams",
                ],
                "weaknesses": ["Lead times of 8-10 weeks", "No technical service in Italy"],
                "positioning": "Local stock and same-week technical service; show the Lodi stop "
                "data.",
            },
        },
        "swot": {
            "strengths": [
                "Qualified on every thermoforming line of the group",
                "Consignment stock and EDI: no stock-out in 2026",
                "Application engineer on site twice a month",
            ],
            "weaknesses": [
                "Lidding-film incident of spring 2025 still remembered in Lodi",
                "Mono-PP lidding film not yet industrialised at our Verona plant",
            ],
            "opportunities": [
                "Retailer-driven switch to mono-material packs by 2027",
                "New ready-meals line planned in Modena for 2027",
                "The March 2027 framework can widen our scope to Modena",
            ],
            "threats": [
                "Polimeri Sud pricing aggressively to keep Modena",
                "Resin price swings squeezing the index clause",
                "A group-wide tender if the CFO pushes for cost cuts",
            ],
        },
    },
    "where_to_go": {
        "ambition": text("""
            Be the group's packaging-system partner for the move to recyclable packs: sole
            supplier of bottom webs and first supplier of lidding films in all three plants by
            2028, growing the account from €4.1M to €4.8M a year with margin above 17%.
        """),
        "objectives": {
            "revenue-2027": {
                "title": "Grow annual revenue to €4.8M",
                "horizon": "long",
                "metric": "revenue, last 12 months (C00017 + C00018)",
                "unit": "k€",
                "baseline": 3630,
                "target": 4800,
                "current": 4070,
                "due": day("2027-12-31"),
                "checkins": {
                    "2025-11-30": 3630,
                    "2026-02-28": 3740,
                    "2026-05-31": 3880,
                    "2026-08-31": 3990,
                    "2026-11-30": 4070,
                },
            },
            "mono-pp-lidding": {
                "title": "Qualify mono-PP lidding film on the Parma sliced lines",
                "horizon": "short",
                "metric": "lines qualified",
                "unit": "lines",
                "baseline": 0,
                "target": 4,
                "current": 2,
                "due": day("2027-03-31"),
                "checkins": {"2026-07-15": 1, "2026-10-20": 2},
            },
            "lidding-share": {
                "title": "Reach 55% share of wallet in lidding films",
                "horizon": "long",
                "metric": "share of wallet, lidding films",
                "unit": "%",
                "baseline": 35,
                "target": 55,
                "current": 41,
                "due": day("2028-06-30"),
                "checkins": {"2026-03-31": 36, "2026-06-30": 38, "2026-09-30": 41},
            },
            "lodi-stops": {
                "title": "Cut film-related line stops at Lodi",
                "horizon": "short",
                "metric": "film-related stops per month",
                "unit": "stops",
                "baseline": 14,
                "target": 4,
                "current": 7,
                "due": day("2027-06-30"),
                "notes": "Measured from the plant's own stop log, three-month average.",
                "checkins": {"2026-06-30": 11, "2026-08-31": 9, "2026-10-31": 7},
            },
        },
    },
    "how_to_get_there": {
        "strategy": text("""
            Lead with the recyclable mono-PP system and line performance, not price: prove it
            with data in Lodi and lock it into the March 2027 framework.
            Win back Roberto Ghidini with the stop data, keep Giorgio Manfredi as our champion,
            and put the total-cost case in front of the CFO before the renegotiation starts.
        """),
        "actions": {
            "lodi-stop-review": {
                "title": "Present the film-stop analysis to the Lodi plant director",
                "objective": "lodi-stops",
                "owner": MARCO,
                "due": day("2026-11-20"),
                "status": "in-progress",
                "progress": 70,
                "notes": "Data collected September-November; waiting for the plant's stop log "
                "to cross-check.",
            },
            "parma-trials": {
                "title": "Run mono-PP lidding trials on Parma lines 3 and 4",
                "objective": "mono-pp-lidding",
                "owner": MARCO,
                "due": day("2027-01-29"),
                "status": "in-progress",
                "progress": 40,
            },
            "cfo-tco-meeting": {
                "title": "Meet the CFO with the total-cost-of-ownership case",
                "objective": "revenue-2027",
                "owner": MARIA,
                "due": day("2026-11-13"),
                "status": "todo",
                "progress": 0,
                "notes": "Francesca Bertolini agreed to set it up; no date yet.",
            },
            "framework-proposal": {
                "title": "Send the 2027-2028 framework proposal with Modena in scope",
                "objective": "revenue-2027",
                "owner": MARIA,
                "due": day("2027-02-12"),
                "status": "todo",
                "progress": 0,
            },
            "consignment-modena": {
                "title": "Extend consignment stock to the Modena plant",
                "objective": "lidding-share",
                "owner": LUCA,
                "due": day("2027-01-15"),
                "status": "blocked",
                "progress": 30,
                "notes": "No space in the Modena warehouse until the new racking is installed "
                "(their capex, approval pending).",
            },
            "ipack-copresentation": {
                "title": "Co-present the mono-material case at Ipack-Ima",
                "objective": "lidding-share",
                "owner": MARIA,
                "due": day("2026-05-29"),
                "status": "done",
                "progress": 100,
                "completed": day("2026-05-28"),
            },
            "pet-price-match": {
                "title": "Match Polimeri Sud's price on standard PET lidding at Modena",
                "objective": "lidding-share",
                "owner": MARIA,
                "due": day("2026-06-30"),
                "status": "dropped",
                "progress": 10,
                "notes": "Dropped after the margin review: about €120k a year for no strategic "
                "gain.",
            },
        },
    },
}


# -- A: Kessler Fahrzeugtechnik (Germany) ----------------------------------------------------

KESSLER: Doc = {
    "account": {
        "name": "Kessler Fahrzeugtechnik GmbH",
        "customer_ids": ["C00008"],
        "industry": "Automotive tier-1 (interior and trim parts)",
        "owner": SOFIA,
        "segment": "A",
        "review_every_days": 30,
        "last_review": day("2026-11-05"),
    },
    "where_am_i": {
        "business": text("""
            Family-owned tier-1 from Heilbronn (Baden-Württemberg): door panels, centre consoles
            and trim for German premium car makers. Plants in Heilbronn, Győr (HU) and
            Brașov (RO); revenue about €1.1bn.
            We supply PP-talc compounds and TPO skins for door panels to Győr and Brașov.
        """),
        "priorities": text("""
            - 25% post-consumer recyclate (PCR) in interior parts by 2028, required by the OEMs.
            - Move volume from Heilbronn to the Romanian plant.
            - Product carbon footprint (PCF) per part: every supplier must report it from 2027.
        """),
        "buying_motivation": text("""
            Technical fit and certified recycled content (the OEMs audit the chain), then cost.
            German purchasing expects formal processes, punctual documents and a supplier
            scorecard above 90 points.
        """),
        "decision_process": text("""
            Central purchasing in Heilbronn nominates suppliers per project after a selection
            committee (Purchasing, Materials Engineering, Quality). Annual price negotiation in
            November; the scorecard is reviewed every quarter and decides who is invited to
            quote for new projects.
        """),
        "relationship_level": "solution-provider",
        "accessibility": {
            "technical": {
                "rating": 4,
                "note": "PP-T20 and TPO grades released by two OEMs; the 25% PCR grade is "
                "released by one OEM only.",
            },
            "economic": {
                "rating": 4,
                "note": "Large volumes at about 14% margin; pays at 60 days; hard but fair "
                "price talks.",
            },
            "commercial": {
                "rating": 3,
                "note": "Everything goes through Heilbronn purchasing, in German: only Sofia "
                "Ricci covers it. Plants call our service desk in English.",
            },
        },
        "buying_centre": {
            "juergen-hofmann": {
                "name": "Jürgen Hofmann",
                "title": "Head of Purchasing (Leiter Einkauf)",
                "role": "decision-maker",
                "influence": "high",
                "attitude": "neutral",
                "orientation": "financial",
                "relationship": 3,
                "last_contact": day("2026-11-05"),
            },
            "katrin-weber": {
                "name": "Dr. Katrin Weber",
                "title": "Head of Materials Engineering",
                "role": "technical-buyer",
                "influence": "high",
                "attitude": "supporter",
                "orientation": "technical",
                "relationship": 4,
                "last_contact": day("2026-10-22"),
                "notes": "Preferred a face-to-face workshop to webinars; came to Verona in 2025.",
            },
            "tobias-schneider": {
                "name": "Tobias Schneider",
                "title": "Commodity Buyer, Plastics",
                "role": "economic-buyer",
                "influence": "medium",
                "attitude": "supporter",
                "orientation": "financial",
                "relationship": 4,
                "last_contact": day("2026-11-24"),
            },
            "andras-nagy": {
                "name": "András Nagy",
                "title": "Plant Manager, Győr",
                "role": "user",
                "influence": "medium",
                "attitude": "ally",
                "orientation": "relationship",
                "relationship": 4,
                "last_contact": day("2026-09-17"),
            },
            "ioana-popescu": {
                "name": "Ioana Popescu",
                "title": "Quality Manager, Brașov",
                "role": "influencer",
                "influence": "medium",
                "attitude": "critic",
                "orientation": "technical",
                "relationship": 2,
                "last_contact": day("2026-06-30"),
                "notes": "Colour deviations on two TPO lots in May; the 8D is closed but trust "
                "is not back.",
            },
        },
        "competitors": {
            "rheinpolymer": {
                "name": "Rheinpolymer Compounds GmbH",
                "share_of_wallet": 40,
                "strengths": [
                    "Local, German-speaking, long history with Heilbronn",
                    "Own recycling plant for PCR",
                ],
                "weaknesses": ["Capacity tight in 2026-27", "Raised prices twice in 2025"],
                "positioning": "A secure second source with certified PCR and free capacity "
                "now: play the capacity card with Jürgen Hofmann.",
            },
            "danubia-plastics": {
                "name": "Danubia Plastics Kft.",
                "share_of_wallet": 10,
                "strengths": ["Close to Győr, 24-hour delivery"],
                "weaknesses": ["No OEM release for TPO skins"],
                "positioning": "We hold the OEM releases; a consignment stock in Győr answers "
                "their delivery advantage.",
            },
        },
        "swot": {
            "strengths": [
                "OEM releases for PP-talc and TPO",
                "PCR grade with certified chain of custody",
                "German-speaking KAM",
            ],
            "weaknesses": [
                "TPO colour deviations in Brașov (May 2026)",
                "No stock in Hungary or Romania",
            ],
            "opportunities": [
                "Rheinpolymer short of capacity",
                "New door-panel line in Brașov from 2027",
                "PCF reporting favours suppliers with measured data",
            ],
            "threats": [
                "OEM volume cuts on combustion-engine models",
                "Rheinpolymer's own PCR at a lower price",
            ],
        },
    },
    "where_to_go": {
        "ambition": text("""
            Second strategic compound supplier of the group, with our PCR grades released at
            every OEM they serve: €3.5M a year by 2028 and a scorecard that keeps us on every
            new project's quote list.
        """),
        "objectives": {
            "pcr-release": {
                "title": "Get the 25% PCR grade released by the second OEM",
                "horizon": "short",
                "metric": "OEM releases of the PCR grade",
                "unit": "releases",
                "baseline": 1,
                "target": 2,
                "current": 1,
                "due": day("2027-06-30"),
            },
            "brasov-door-panels": {
                "title": "Win the door-panel compound for the new Brașov line",
                "horizon": "short",
                "metric": "nomination",
                "unit": "yes/no",
                "baseline": 0,
                "target": 1,
                "current": 1,
                "due": day("2026-12-31"),
                "checkins": {"2026-10-30": 1},
            },
            "revenue-2028": {
                "title": "Reach €3.5M annual revenue",
                "horizon": "long",
                "metric": "revenue, last 12 months",
                "unit": "k€",
                "baseline": 2590,
                "target": 3500,
                "current": 2890,
                "due": day("2028-12-31"),
                "checkins": {"2026-03-31": 2680, "2026-06-30": 2770, "2026-09-30": 2850},
            },
            "scorecard": {
                "title": "Keep the supplier scorecard above 90 points",
                "horizon": "long",
                "metric": "Kessler supplier scorecard",
                "unit": "points",
                "baseline": 84,
                "target": 92,
                "current": 88,
                "due": day("2027-12-31"),
                "checkins": {
                    "2026-03-31": 86,
                    "2026-06-30": 81,
                    "2026-09-30": 88,
                },
            },
        },
    },
    "how_to_get_there": {
        "strategy": text("""
            Sell certainty: capacity, certified PCR and measured carbon footprint, while
            Rheinpolymer is short of capacity. Fix the quality perception in Brașov before the
            new line starts, and make the 2027 price agreement a volume agreement.
        """),
        "actions": {
            "pcr-test-plaques": {
                "title": "Deliver test plaques and PCF data for the second OEM release",
                "objective": "pcr-release",
                "owner": MARCO,
                "due": day("2026-12-18"),
                "status": "in-progress",
                "progress": 60,
            },
            "annual-price-talks": {
                "title": "Close the 2027 annual price negotiation with Heilbronn",
                "objective": "revenue-2028",
                "owner": SOFIA,
                "due": day("2026-11-27"),
                "status": "in-progress",
                "progress": 75,
                "notes": "Last round on 3 December; they want -2.5%, we offer -1.5% with a "
                "volume step.",
            },
            "brasov-offer": {
                "title": "Submit the offer and PPAP plan for the Brașov door-panel line",
                "objective": "brasov-door-panels",
                "owner": SOFIA,
                "due": day("2026-10-15"),
                "status": "done",
                "progress": 100,
                "completed": day("2026-10-09"),
            },
            "brasov-quality-visit": {
                "title": "Quality visit in Brașov with Ioana Popescu",
                "objective": "scorecard",
                "owner": CHIARA,
                "due": day("2026-11-12"),
                "status": "todo",
                "progress": 0,
            },
            "gyor-consignment": {
                "title": "Set up consignment stock in Győr with our logistics partner",
                "objective": "scorecard",
                "owner": LUCA,
                "due": day("2027-02-26"),
                "status": "blocked",
                "progress": 15,
                "notes": "The partner's warehouse in Győr is full until the first quarter.",
            },
            "pcr-workshop": {
                "title": "Workshop on PCR compounds in Heilbronn",
                "objective": "pcr-release",
                "owner": MARCO,
                "due": day("2026-09-25"),
                "status": "done",
                "progress": 100,
                "completed": day("2026-09-22"),
            },
            "pcr-webinar": {
                "title": "Webinar on PCR compounds for Kessler engineers",
                "objective": "pcr-release",
                "owner": MARCO,
                "due": day("2026-07-15"),
                "status": "dropped",
                "progress": 0,
                "notes": "Katrin Weber preferred the workshop in Heilbronn.",
            },
        },
    },
}


# -- A: Laboratori Farmaceutici Lombardi -----------------------------------------------------

FARMACEUTICI_LOMBARDI: Doc = {
    "account": {
        "name": "Laboratori Farmaceutici Lombardi S.p.A.",
        "customer_ids": ["C00105"],
        "industry": "Pharmaceuticals (generics and OTC)",
        "owner": MARIA,
        "segment": "A",
        "review_every_days": 60,
        "last_review": day("2026-10-20"),
    },
    "where_am_i": {
        "business": text("""
            Italian mid-size pharmaceutical company, generics and OTC: solid oral forms in
            Pavia, liquids in Latina; exports to 40 countries.
            We supply PVC/PVDC and high-barrier blister films and HDPE bottles with
            child-resistant caps.
        """),
        "priorities": text("""
            Reduce PVC (sustainability plan 2030); secure high-barrier films after the 2025
            shortages; launch six new generics in 2027 without packaging delays.
        """),
        "buying_motivation": text("""
            Compliance and risk first: any change of primary packaging needs a regulatory
            variation (6-12 months), so they value a supplier who owns the documentation and
            never changes a grade without notice. Price matters only on OTC lines.
        """),
        "decision_process": text("""
            Quality Assurance qualifies suppliers (audit and three validation batches).
            Packaging Development proposes, Purchasing negotiates three-year supply agreements,
            the Head of Operations signs. Regulatory Affairs decides when a variation is filed.
        """),
        "relationship_level": "strategic-partner",
        "accessibility": {
            "technical": {
                "rating": 5,
                "note": "Qualified for 14 blister formats and the 250 ml HDPE bottle; GMP audit "
                "passed with no major finding (March 2026).",
            },
            "economic": {
                "rating": 4,
                "note": "Prices fixed for 12 months, margin about 21%; small lots per SKU make "
                "changeovers costly for us.",
            },
            "commercial": {
                "rating": 4,
                "note": "Direct; orders through their procurement portal, which adds admin work.",
            },
        },
        "buying_centre": {
            "paola-colombo": {
                "name": "Dr. Paola Colombo",
                "title": "Head of Quality Assurance",
                "role": "gatekeeper",
                "influence": "high",
                "attitude": "supporter",
                "orientation": "technical",
                "relationship": 4,
                "last_contact": day("2026-10-20"),
            },
            "alessandro-villa": {
                "name": "Alessandro Villa",
                "title": "Packaging Development Manager",
                "role": "champion",
                "influence": "medium",
                "attitude": "ally",
                "orientation": "technical",
                "relationship": 5,
                "last_contact": day("2026-11-25"),
            },
            "marta-galli": {
                "name": "Marta Galli",
                "title": "Strategic Buyer, Packaging",
                "role": "economic-buyer",
                "influence": "high",
                "attitude": "neutral",
                "orientation": "financial",
                "relationship": 3,
                "last_contact": day("2026-11-06"),
            },
            "enrico-sala": {
                "name": "Enrico Sala",
                "title": "Head of Operations",
                "role": "decision-maker",
                "influence": "high",
                "attitude": "supporter",
                "orientation": "business",
                "relationship": 3,
                "last_contact": day("2026-09-09"),
            },
            "federica-longhi": {
                "name": "Federica Longhi",
                "title": "Regulatory Affairs Manager",
                "role": "influencer",
                "influence": "medium",
                "attitude": "neutral",
                "orientation": "technical",
                "relationship": 2,
                "last_contact": day("2026-04-16"),
                "notes": "Decides the timing of the PVC-free variation; we hardly know her.",
            },
        },
        "competitors": {
            "bliflex": {
                "name": "Bliflex Pharma Films S.A.",
                "share_of_wallet": 35,
                "strengths": ["Full range of high-barrier films", "Global pharma references"],
                "weaknesses": [
                    "Could not deliver during the 2025 shortages",
                    "Change notifications late",
                ],
                "positioning": "Security of supply and documentation: two plants in Italy, "
                "change notification 12 months ahead.",
            },
            "plastiflac": {
                "name": "Plastiflac S.r.l.",
                "share_of_wallet": 20,
                "strengths": ["Cheap HDPE bottles for OTC"],
                "weaknesses": ["No child-resistant closure of its own"],
                "positioning": "Bottle and child-resistant cap as one qualified system.",
            },
        },
        "swot": {
            "strengths": [
                "GMP audit passed, 14 formats qualified",
                "Supplied without interruption during the 2025 shortages",
            ],
            "weaknesses": [
                "Weak link with Regulatory Affairs",
                "Small SKU lots are expensive for our lines",
            ],
            "opportunities": [
                "PVC-free blister programme",
                "Six generic launches in 2027",
            ],
            "threats": [
                "Corporate push to consolidate packaging with one global supplier",
                "Price pressure on OTC lines",
            ],
        },
    },
    "where_to_go": {
        "ambition": text("""
            The packaging partner of their sustainability plan: first supplier of PVC-free
            blister films and packaging partner of every new launch, growing to €2.6M a year.
        """),
        "objectives": {
            "pvc-free-blister": {
                "title": "Switch 30% of blister volume to PVC-free PP/PET films",
                "horizon": "long",
                "metric": "blister volume on PVC-free film",
                "unit": "%",
                "baseline": 0,
                "target": 30,
                "current": 6,
                "due": day("2028-12-31"),
                "checkins": {"2026-06-30": 4, "2026-10-31": 6},
            },
            "launches-2027": {
                "title": "Packaging supplier for the 2027 generic launches",
                "horizon": "short",
                "metric": "launches awarded to us",
                "unit": "launches",
                "baseline": 0,
                "target": 6,
                "current": 3,
                "due": day("2027-06-30"),
                "checkins": {"2026-09-30": 2, "2026-11-25": 3},
            },
            "revenue-2028": {
                "title": "Grow annual revenue to €2.6M",
                "horizon": "long",
                "metric": "revenue, last 12 months",
                "unit": "k€",
                "baseline": 1820,
                "target": 2600,
                "current": 2110,
                "due": day("2028-12-31"),
                "checkins": {"2026-05-31": 1960, "2026-10-31": 2090},
            },
            "otif": {
                "title": "Keep on-time-in-full deliveries above 98%",
                "horizon": "short",
                "metric": "OTIF, last 3 months",
                "unit": "%",
                "baseline": 95.5,
                "target": 98,
                "current": 97.2,
                "due": day("2027-03-31"),
                "checkins": {"2026-06-30": 96.1, "2026-09-30": 96.8, "2026-11-15": 97.2},
            },
        },
    },
    "how_to_get_there": {
        "strategy": text("""
            Be the low-risk choice: documentation, supply security and early involvement in
            launches. Open the PVC-free programme through Regulatory Affairs, not only through
            Packaging Development, so the variations are filed in time.
        """),
        "actions": {
            "stability-study": {
                "title": "Support the stability study of PP/PET blisters (three products)",
                "objective": "pvc-free-blister",
                "owner": CHIARA,
                "due": day("2027-04-30"),
                "status": "in-progress",
                "progress": 35,
            },
            "launch-kit": {
                "title": "Send the documentation kit for the 2027 launches",
                "objective": "launches-2027",
                "owner": MARIA,
                "due": day("2026-12-04"),
                "status": "in-progress",
                "progress": 80,
            },
            "regulatory-meeting": {
                "title": "Meet Regulatory Affairs on the timing of the variations",
                "objective": "pvc-free-blister",
                "owner": MARIA,
                "due": day("2026-12-09"),
                "status": "todo",
                "progress": 0,
            },
            "gmp-audit": {
                "title": "Host the GMP audit at the Verona plant",
                "objective": "revenue-2028",
                "owner": CHIARA,
                "due": day("2026-03-20"),
                "status": "done",
                "progress": 100,
                "completed": day("2026-03-18"),
            },
            "portal-prices": {
                "title": "Load the 2027 prices into their procurement portal",
                "objective": "otif",
                "owner": LUCA,
                "due": day("2026-12-18"),
                "status": "todo",
                "progress": 0,
            },
            "safety-stock-latina": {
                "title": "Agree a four-week safety stock of bottles for Latina",
                "objective": "otif",
                "owner": LUCA,
                "due": day("2026-09-30"),
                "status": "blocked",
                "progress": 20,
                "notes": "Latina wants it on consignment; our finance wants a guarantee first.",
            },
            "otc-alternative": {
                "title": "Propose a cheaper high-barrier film for OTC lines",
                "objective": "revenue-2028",
                "owner": MARCO,
                "due": day("2026-06-30"),
                "status": "dropped",
                "progress": 0,
                "notes": "QA will not open a variation for OTC lines before 2028.",
            },
        },
    },
}


# -- A: Freni Orobici (stale, shrinking) ----------------------------------------------------

FRENI_OROBICI: Doc = {
    "account": {
        "name": "Freni Orobici S.p.A.",
        "customer_ids": ["C00042", "C00043"],
        "industry": "Automotive tier-1 (brake systems)",
        "owner": PAOLO,
        "segment": "A",
        "review_every_days": 30,
        "last_review": day("2026-09-29"),
    },
    "where_am_i": {
        "business": text("""
            Tier-1 maker of brake calipers, brake-fluid reservoirs and sensor housings for
            European car makers; plants in Curno (BG) and Cassino (FR), revenue about €420M.
            We supply glass-filled PA66 and PBT compounds: Curno (C00042) for reservoirs and
            caliper covers, Cassino (C00043) for sensor housings.
        """),
        "priorities": text("""
            Contractual cost-down of 3% a year to the OEMs; new reservoir and sensor housings
            for brake-by-wire (e-brake platform, start of production 2028); zero-ppm quality.
        """),
        "buying_motivation": text("""
            Price per kg under constant pressure from the OEM cost-downs. But every material
            change needs a new PPAP, so qualification and a clean quality record protect the
            incumbent.
        """),
        "decision_process": text("""
            Global Purchasing in Curno runs one RFQ per material family each year (awards in
            January). Material Engineering must approve any grade (it is in the drawings). The
            Quality Director can block a supplier with open 8D reports. Nominations on new
            platforms: Commodity Manager and COO.
        """),
        "relationship_level": "preferred-supplier",
        "accessibility": {
            "technical": {
                "rating": 4,
                "note": "PA66 GF30 and PBT GF20 are in the drawings; the e-brake housings need "
                "PPA, which we have only through a partner.",
            },
            "economic": {
                "rating": 3,
                "note": "The -3% a year cost-down clause erodes margin, now about 11%.",
            },
            "commercial": {
                "rating": 4,
                "note": "Direct for both plants; Cassino orders through Curno's purchasing.",
            },
        },
        "buying_centre": {
            "walter-pesenti": {
                "name": "Walter Pesenti",
                "title": "Commodity Manager, Plastics",
                "role": "economic-buyer",
                "influence": "high",
                "attitude": "critic",
                "orientation": "financial",
                "relationship": 3,
                "last_contact": day("2026-09-29"),
                "notes": "Put Asian PA66 quotes on the table in September.",
            },
            "laura-carminati": {
                "name": "Laura Carminati",
                "title": "Head of Material Engineering",
                "role": "technical-buyer",
                "influence": "high",
                "attitude": "supporter",
                "orientation": "technical",
                "relationship": 4,
                "last_contact": day("2026-10-16"),
            },
            "sergio-locatelli": {
                "name": "Sergio Locatelli",
                "title": "Quality Director",
                "role": "gatekeeper",
                "influence": "high",
                "attitude": "neutral",
                "orientation": "technical",
                "relationship": 2,
                "last_contact": day("2026-06-05"),
                "notes": "One open 8D on us (short shots, lot 26-114); wants it closed before "
                "any new nomination.",
            },
            "davide-moretti": {
                "name": "Davide Moretti",
                "title": "COO",
                "role": "decision-maker",
                "influence": "high",
                "attitude": "neutral",
                "orientation": "business",
                "relationship": 1,
                "last_contact": day("2025-11-20"),
            },
            "giulia-rota": {
                "name": "Giulia Rota",
                "title": "Project Leader, e-brake platform",
                "role": "champion",
                "influence": "medium",
                "attitude": "ally",
                "orientation": "technical",
                "relationship": 4,
                "last_contact": day("2026-11-03"),
            },
        },
        "competitors": {
            "huanan-plastics": {
                "name": "Huanan Engineering Plastics Co., Ltd.",
                "share_of_wallet": 25,
                "strengths": [
                    "PA66 GF30 12-15% cheaper than ours",
                    "Supported by Walter Pesenti's cost-down target",
                ],
                "weaknesses": ["No PPAP history at Freni Orobici", "Eight weeks by sea, no stock"],
                "positioning": text("""
                    Total landed cost and risk: safety stock, 48-hour delivery and the PPAP
                    already done. Offer a 2027 price with a volume step, not a flat cut.
                """),
            },
            "europa-compounds": {
                "name": "Europa Compounds AG",
                "share_of_wallet": 30,
                "strengths": [
                    "Global supplier, already on other OEM platforms",
                    "Own PPA grades for e-brake housings",
                ],
                "weaknesses": ["Rigid on payment terms", "Served through a distributor in Italy"],
                "positioning": "Joint development with Laura Carminati's team on the e-brake "
                "housings: our partner's PPA with our service.",
            },
        },
        "swot": {
            "strengths": [
                "Grades in the drawings, PPAP done",
                "Strong with Material Engineering",
                "48-hour delivery from Verona",
            ],
            "weaknesses": [
                "Open 8D on lot 26-114",
                "No own PPA grade",
                "No relationship with the COO",
            ],
            "opportunities": [
                "E-brake platform housings from 2028",
                "Recycled PA66 for the OEMs' sustainability targets",
            ],
            "threats": [
                "Asian PA66 in the January 2027 RFQ",
                "Europa Compounds bundling PPA with PA66",
                "OEM volume cuts in 2026",
            ],
        },
    },
    "where_to_go": {
        "ambition": text("""
            Defend the PA66 business in the January 2027 RFQ and win a nomination on the
            e-brake platform, so that the account grows again from 2028, back above €2M a year.
        """),
        "objectives": {
            "keep-pa66": {
                "title": "Keep our PA66 GF30 volume in the 2027 RFQ",
                "horizon": "short",
                "metric": "share of PA66 volume awarded",
                "unit": "%",
                "baseline": 70,
                "target": 75,
                "current": 62,
                "due": day("2027-01-31"),
                "checkins": {"2026-03-31": 70, "2026-06-30": 66, "2026-09-30": 62},
            },
            "close-8d": {
                "title": "Close the open 8D on short shots",
                "horizon": "short",
                "metric": "open 8D reports",
                "unit": "reports",
                "baseline": 1,
                "target": 0,
                "current": 1,
                "due": day("2026-10-31"),
            },
            "e-brake-nomination": {
                "title": "Nominated supplier for the e-brake housings",
                "horizon": "long",
                "metric": "nomination",
                "unit": "yes/no",
                "baseline": 0,
                "target": 1,
                "current": 0,
                "due": day("2027-09-30"),
            },
            "revenue-2028": {
                "title": "Back to €2.0M annual revenue",
                "horizon": "long",
                "metric": "revenue, last 12 months (C00042 + C00043)",
                "unit": "k€",
                "baseline": 1720,
                "target": 2000,
                "current": 1540,
                "due": day("2028-12-31"),
                "checkins": {"2026-02-28": 1690, "2026-05-31": 1630, "2026-08-31": 1570},
            },
        },
    },
    "how_to_get_there": {
        "strategy": text("""
            First remove the reasons to leave us (the open 8D, the price gap explained as total
            landed cost), then move the conversation from price per kg to the e-brake platform,
            where our engineering support and the partner's PPA can win a nomination.
            We need the COO: Giulia Rota is the way in.
        """),
        "actions": {
            "close-8d-report": {
                "title": "Close the 8D on lot 26-114 with root cause and containment evidence",
                "objective": "close-8d",
                "owner": CHIARA,
                "due": day("2026-10-15"),
                "status": "in-progress",
                "progress": 80,
            },
            "landed-cost": {
                "title": "Send the landed-cost comparison with Asian PA66 to Purchasing",
                "objective": "keep-pa66",
                "owner": PAOLO,
                "due": day("2026-11-10"),
                "status": "in-progress",
                "progress": 50,
            },
            "rfq-offer": {
                "title": "Submit the 2027 RFQ offer with volume-step pricing",
                "objective": "keep-pa66",
                "owner": PAOLO,
                "due": day("2026-12-11"),
                "status": "todo",
                "progress": 0,
            },
            "ppa-samples": {
                "title": "Deliver PPA GF40 samples for the e-brake housing tests",
                "objective": "e-brake-nomination",
                "owner": MARCO,
                "due": day("2026-09-30"),
                "status": "done",
                "progress": 100,
                "completed": day("2026-09-24"),
            },
            "coo-meeting": {
                "title": "Meeting with the COO on the e-brake roadmap",
                "objective": "e-brake-nomination",
                "owner": PAOLO,
                "due": day("2026-10-30"),
                "status": "blocked",
                "progress": 0,
                "notes": "Giulia Rota asked us to wait until the platform budget is approved.",
            },
            "recycled-pa66-day": {
                "title": "Technical day in Curno on recycled PA66 grades",
                "objective": "revenue-2028",
                "owner": MARCO,
                "due": day("2027-03-12"),
                "status": "todo",
                "progress": 0,
            },
            "cassino-trays": {
                "title": "Offer returnable trays for Cassino's sensor housings",
                "objective": "revenue-2028",
                "owner": DAVIDE,
                "due": day("2026-07-31"),
                "status": "dropped",
                "progress": 20,
                "notes": "Cassino moved tray sourcing to its logistics provider.",
            },
        },
    },
}


# -- B: Supermercati del Tirreno (stale) -----------------------------------------------------

SUPERMERCATI_TIRRENO: Doc = {
    "account": {
        "name": "Supermercati del Tirreno S.p.A.",
        "customer_ids": ["C00128", "C00129"],
        "industry": "Grocery retail",
        "owner": ELENA,
        "segment": "B",
        "review_every_days": 60,
        "last_review": day("2026-08-31"),
    },
    "where_am_i": {
        "business": text("""
            Regional supermarket chain in Tuscany, Liguria and Lazio: 142 stores (supermarkets
            and "Tirreno Express" convenience stores), central warehouse in Prato.
            We supply compostable fruit and vegetable bags and deli containers (C00128, head
            office) and the packaging of the in-store bakery (C00129, Tirreno Freschi S.r.l.,
            their fresh-food company).
        """),
        "priorities": text("""
            Private label from 22% to 30% of sales by 2028; less plastic (single-use plastics
            rules, compostable bags); faster store replenishment.
        """),
        "buying_motivation": text("""
            Price and compliance (EN 13432 certificates, correct labelling). Marketing wants
            packaging that tells the sustainability story on the shelf.
        """),
        "decision_process": text("""
            Category managers propose; the Non-Food Purchasing Manager runs a yearly tender in
            May; the Marketing Director has a say on whatever the shopper sees; the General
            Manager approves contracts above €150k.
        """),
        "relationship_level": "vendor",
        "accessibility": {
            "technical": {
                "rating": 5,
                "note": "Simple, certified products; printed private-label packs are our strength.",
            },
            "economic": {
                "rating": 2,
                "note": "Very price-driven, margin about 9%, payment at 120 days.",
            },
            "commercial": {
                "rating": 3,
                "note": "Everything goes through the central warehouse; stores cannot order.",
            },
        },
        "buying_centre": {
            "cristina-baldi": {
                "name": "Cristina Baldi",
                "title": "Non-Food Purchasing Manager",
                "role": "economic-buyer",
                "influence": "high",
                "attitude": "neutral",
                "orientation": "financial",
                "relationship": 3,
                "last_contact": day("2026-08-31"),
            },
            "matteo-neri": {
                "name": "Matteo Neri",
                "title": "Private Label Manager",
                "role": "champion",
                "influence": "medium",
                "attitude": "supporter",
                "orientation": "business",
                "relationship": 4,
                "last_contact": day("2026-10-09"),
            },
            "simone-parenti": {
                "name": "Simone Parenti",
                "title": "Marketing Director",
                "role": "influencer",
                "influence": "high",
                "attitude": "neutral",
                "orientation": "business",
                "relationship": 1,
                "last_contact": day("2025-12-10"),
            },
            "lorenzo-pieri": {
                "name": "Lorenzo Pieri",
                "title": "General Manager",
                "role": "decision-maker",
                "influence": "high",
                "attitude": "critic",
                "orientation": "financial",
                "relationship": 1,
                "last_contact": day("2025-10-02"),
                "notes": "Thinks packaging suppliers are interchangeable; met him once at the "
                "2025 supplier day.",
            },
            "elisa-mancini": {
                "name": "Elisa Mancini",
                "title": "Fresh Food Quality Manager, Tirreno Freschi",
                "role": "user",
                "influence": "low",
                "attitude": "supporter",
                "orientation": "technical",
                "relationship": 3,
                "last_contact": day("2026-11-12"),
            },
        },
        "competitors": {
            "ecobag-italia": {
                "name": "Ecobag Italia S.r.l.",
                "share_of_wallet": 45,
                "strengths": ["Lowest price on compostable bags", "Incumbent on bags since 2019"],
                "weaknesses": ["No printed private-label packaging", "Slow on new formats"],
                "positioning": "One supplier for bags and private-label packs, with print "
                "design included.",
            },
            "imballaggi-toscani": {
                "name": "Imballaggi Toscani S.n.c.",
                "share_of_wallet": 20,
                "strengths": ["Local, delivers to the warehouse daily"],
                "weaknesses": ["Small range", "No certificates for compostable items"],
                "positioning": "Certified compostable range and private-label design.",
            },
        },
        "swot": {
            "strengths": ["Private-label print design in-house", "Full certified range"],
            "weaknesses": [
                "No contact with the General Manager or Marketing",
                "Thin margin at 120-day terms",
            ],
            "opportunities": [
                "New private-label bakery range (12 SKUs)",
                "May 2027 tender for bags",
            ],
            "threats": [
                "Ecobag's price",
                "The chain joining a national buying group",
            ],
        },
    },
    "where_to_go": {
        "ambition": text("""
            Their private-label packaging partner, not just a bag vendor: all bakery and deli
            private-label packs with us and half of the bag volume, €150k a year by mid-2028.
        """),
        "objectives": {
            "bakery-range": {
                "title": "Supply the packaging of the new private-label bakery range",
                "horizon": "short",
                "metric": "bakery SKUs in our packaging",
                "unit": "SKUs",
                "baseline": 4,
                "target": 12,
                "current": 7,
                "due": day("2027-05-31"),
                "checkins": {"2026-06-30": 5, "2026-10-31": 7},
            },
            "bag-tender-2027": {
                "title": "Win the May 2027 fruit and vegetable bag tender",
                "horizon": "short",
                "metric": "share of bag volume",
                "unit": "%",
                "baseline": 35,
                "target": 50,
                "current": 35,
                "due": day("2027-05-31"),
            },
            "revenue-2028": {
                "title": "Grow annual revenue to €150k",
                "horizon": "long",
                "metric": "revenue, last 12 months (C00128 + C00129)",
                "unit": "k€",
                "baseline": 91,
                "target": 150,
                "current": 106,
                "due": day("2028-06-30"),
                "checkins": {"2026-05-31": 98, "2026-08-31": 103},
            },
        },
    },
    "how_to_get_there": {
        "strategy": text("""
            Grow through private label, where we are different, and use the bakery success to
            reach Marketing and the General Manager before the May tender.
        """),
        "actions": {
            "bakery-mockups": {
                "title": "Present printed mock-ups of the bakery range",
                "objective": "bakery-range",
                "owner": ELENA,
                "due": day("2026-10-16"),
                "status": "done",
                "progress": 100,
                "completed": day("2026-10-14"),
            },
            "bakery-samples": {
                "title": "Deliver samples of five new bakery containers",
                "objective": "bakery-range",
                "owner": LUCA,
                "due": day("2026-11-25"),
                "status": "in-progress",
                "progress": 50,
            },
            "marketing-meeting": {
                "title": "Meet the Marketing Director with the in-store sustainability concept",
                "objective": "bag-tender-2027",
                "owner": ELENA,
                "due": day("2026-11-06"),
                "status": "todo",
                "progress": 0,
            },
            "payment-terms": {
                "title": "Negotiate payment terms from 120 down to 90 days",
                "objective": "revenue-2028",
                "owner": ELENA,
                "due": day("2026-09-30"),
                "status": "blocked",
                "progress": 0,
                "notes": "Their finance will not discuss terms before the 2027 tender.",
            },
            "tender-offer": {
                "title": "Prepare the 2027 tender offer with a recycled-content option",
                "objective": "bag-tender-2027",
                "owner": ELENA,
                "due": day("2027-04-15"),
                "status": "todo",
                "progress": 0,
            },
            "store-audit": {
                "title": "Audit bag use in ten pilot stores",
                "objective": "bag-tender-2027",
                "owner": ELENA,
                "due": day("2026-06-30"),
                "status": "dropped",
                "progress": 0,
                "notes": "The chain did not allow our people in the stores.",
            },
        },
    },
}


# -- B: Officine Meccaniche Ferraresi --------------------------------------------------------

OFFICINE_FERRARESI: Doc = {
    "account": {
        "name": "Officine Meccaniche Ferraresi S.r.l.",
        "customer_ids": ["C00230"],
        "industry": "Packaging machinery OEM",
        "owner": DAVIDE,
        "segment": "B",
        "review_every_days": 60,
        "last_review": day("2026-10-07"),
    },
    "where_am_i": {
        "business": text("""
            Builder of end-of-line packaging machines (case packers, palletisers, stretch
            wrappers) in Cento (FE); 260 employees, 70% export.
            We supply machined and moulded technical parts in POM, PA6 and UHMW-PE (guides,
            star wheels, wear strips) for new machines and for their spare-parts business.
        """),
        "priorities": text("""
            Machine lead time from 20 to 14 weeks; grow after-sales and spare parts; the same
            components across machine families.
        """),
        "buying_motivation": text("""
            Delivery reliability and engineering support (parts to drawing, fast prototypes);
            price per part comes second while lead times are met. After-sales wants parts
            available for ten years.
        """),
        "decision_process": text("""
            The Technical Office specifies materials and approves new suppliers on the first
            article. Purchasing places open orders every six months. The owner approves every
            supplier of strategic components himself.
        """),
        "relationship_level": "preferred-supplier",
        "accessibility": {
            "technical": {
                "rating": 4,
                "note": "We machine and mould; some drawings call for PEEK, which we do not stock.",
            },
            "economic": {
                "rating": 4,
                "note": "Margin about 24% on machined parts, small lots, payment at 60 days.",
            },
            "commercial": {
                "rating": 5,
                "note": "Direct, 40 km from our Castel Maggiore workshop; kanban for wear parts.",
            },
        },
        "buying_centre": {
            "guido-ferraresi": {
                "name": "Guido Ferraresi",
                "title": "Owner and CEO",
                "role": "decision-maker",
                "influence": "high",
                "attitude": "supporter",
                "orientation": "relationship",
                "relationship": 3,
                "last_contact": day("2026-06-18"),
            },
            "silvia-bonetti": {
                "name": "Silvia Bonetti",
                "title": "Purchasing Manager",
                "role": "economic-buyer",
                "influence": "medium",
                "attitude": "neutral",
                "orientation": "financial",
                "relationship": 4,
                "last_contact": day("2026-11-19"),
            },
            "nicola-zanardi": {
                "name": "Nicola Zanardi",
                "title": "Head of Technical Office",
                "role": "technical-buyer",
                "influence": "high",
                "attitude": "ally",
                "orientation": "technical",
                "relationship": 5,
                "last_contact": day("2026-11-26"),
            },
            "valentina-cavallari": {
                "name": "Valentina Cavallari",
                "title": "After-Sales Manager",
                "role": "influencer",
                "influence": "medium",
                "attitude": "supporter",
                "orientation": "business",
                "relationship": 3,
                "last_contact": day("2026-10-07"),
            },
        },
        "competitors": {
            "tecnopolimeri-emiliani": {
                "name": "Tecnopolimeri Emiliani S.r.l.",
                "share_of_wallet": 35,
                "strengths": ["Stocks PEEK and PTFE", "Very fast on prototypes"],
                "weaknesses": ["Small: capacity problems at peaks", "No kanban service"],
                "positioning": "Kanban and guaranteed lead times for series parts; a wear-part "
                "kit per machine family.",
            },
        },
        "swot": {
            "strengths": [
                "Kanban on 45 codes, no stock-out in 2026",
                "Strong bond with the Technical Office",
            ],
            "weaknesses": ["No PEEK", "Little contact with the owner"],
            "opportunities": [
                "Spare-parts catalogue being rebuilt in 2027",
                "Kits per machine family",
            ],
            "threats": [
                "Slowdown of machine orders from Asia",
                "Tecnopolimeri Emiliani offering kanban too",
            ],
        },
    },
    "where_to_go": {
        "ambition": text("""
            Their technical-plastics partner for both new machines and after-sales: a wear-part
            kit for every machine family and a place in the spare-parts catalogue, €120k a year
            by 2028.
        """),
        "objectives": {
            "machine-kits": {
                "title": "Deliver wear-part kits per machine family",
                "horizon": "short",
                "metric": "machine families with a kit",
                "unit": "families",
                "baseline": 0,
                "target": 4,
                "current": 2,
                "due": day("2027-06-30"),
                "checkins": {"2026-09-30": 1, "2026-11-20": 2},
            },
            "lead-time": {
                "title": "Cut the lead time of series parts to 10 working days",
                "horizon": "short",
                "metric": "average lead time",
                "unit": "working days",
                "baseline": 18,
                "target": 10,
                "current": 13,
                "due": day("2027-03-31"),
                "checkins": {"2026-06-30": 16, "2026-09-30": 14, "2026-11-15": 13},
            },
            "spare-parts": {
                "title": "Listed supplier in the spare-parts catalogue",
                "horizon": "long",
                "metric": "spare-part codes supplied by us",
                "unit": "codes",
                "baseline": 40,
                "target": 180,
                "current": 75,
                "due": day("2028-06-30"),
            },
            "revenue-2028": {
                "title": "Grow annual revenue to €120k",
                "horizon": "long",
                "metric": "revenue, last 12 months",
                "unit": "k€",
                "baseline": 68,
                "target": 120,
                "current": 84,
                "due": day("2028-12-31"),
                "checkins": {"2026-05-31": 75, "2026-08-31": 80},
            },
        },
    },
    "how_to_get_there": {
        "strategy": text("""
            Standardise and serve: kits per machine family and kanban make us part of their
            machine; after-sales is the growth path. Bring the owner to our workshop so the
            relationship does not hang on the Technical Office alone.
        """),
        "actions": {
            "kit-palletisers": {
                "title": "Design the wear-part kit for the PL palletisers",
                "objective": "machine-kits",
                "owner": MARCO,
                "due": day("2026-09-30"),
                "status": "done",
                "progress": 100,
                "completed": day("2026-09-26"),
            },
            "kit-case-packers": {
                "title": "Design the wear-part kit for the CP case packers",
                "objective": "machine-kits",
                "owner": MARCO,
                "due": day("2027-01-29"),
                "status": "in-progress",
                "progress": 45,
            },
            "kanban-extension": {
                "title": "Extend kanban to 30 more codes",
                "objective": "lead-time",
                "owner": LUCA,
                "due": day("2026-12-15"),
                "status": "in-progress",
                "progress": 60,
            },
            "peek-stockist": {
                "title": "Find a PEEK stockist to close the material gap",
                "objective": "revenue-2028",
                "owner": DAVIDE,
                "due": day("2026-11-13"),
                "status": "blocked",
                "progress": 25,
                "notes": "Two stockists contacted; their prices are not competitive yet.",
            },
            "ceo-visit": {
                "title": "Invite Guido Ferraresi to our Castel Maggiore workshop",
                "objective": "revenue-2028",
                "owner": DAVIDE,
                "due": day("2026-10-30"),
                "status": "todo",
                "progress": 0,
            },
            "availability-guarantee": {
                "title": "Present a ten-year spare-part availability guarantee to After-Sales",
                "objective": "spare-parts",
                "owner": DAVIDE,
                "due": day("2027-01-20"),
                "status": "todo",
                "progress": 0,
            },
            "3d-printed-prototypes": {
                "title": "Offer 3D-printed prototype parts",
                "objective": "machine-kits",
                "owner": MARCO,
                "due": day("2026-05-29"),
                "status": "dropped",
                "progress": 0,
                "notes": "They print prototypes in house since March.",
            },
        },
    },
}


# -- B: Laiterie Normande Duval (France) -----------------------------------------------------

LAITERIE_DUVAL: Doc = {
    "account": {
        "name": "Laiterie Normande Duval SA",
        "customer_ids": ["C00064"],
        "industry": "Dairy (yoghurts and desserts)",
        "owner": SOFIA,
        "segment": "B",
        "review_every_days": 90,
        "last_review": day("2026-09-15"),
    },
    "where_am_i": {
        "business": text("""
            Independent dairy in Normandy (Saint-Lô): yoghurts, cream desserts and fromage blanc
            for French retailers' own labels and its own "Duval" brand. Two plants, about 600
            employees, revenue about €310M.
            We supply PS and PP sheet for their form-fill-seal yoghurt cups.
        """),
        "priorities": text("""
            Phase out polystyrene cups (French AGEC law: recyclable packaging) by moving to PP
            sheet in 2027 without losing line speed; energy costs.
        """),
        "buying_motivation": text("""
            The regulatory deadline drives everything: they need a PP sheet that runs as fast
            as PS on their form-fill-seal lines. Price is secondary during the switch.
        """),
        "decision_process": text("""
            The Purchasing Director negotiates yearly contracts in January; packaging R&D runs
            the line trials; the Industrial Director has the last word on anything that can
            slow the lines; the family CEO signs the big contracts.
        """),
        "relationship_level": "preferred-supplier",
        "accessibility": {
            "technical": {
                "rating": 3,
                "note": "Our PP sheet runs at 93% of PS speed after the second trial; new "
                "grade in test.",
            },
            "economic": {
                "rating": 4,
                "note": "Margin about 15%; transport from Verona costs 4 points.",
            },
            "commercial": {
                "rating": 3,
                "note": "Direct, but in French and by e-mail only; no EDI yet.",
            },
        },
        "buying_centre": {
            "pierre-lefebvre": {
                "name": "Pierre Lefebvre",
                "title": "Directeur Achats (Purchasing Director)",
                "role": "economic-buyer",
                "influence": "high",
                "attitude": "neutral",
                "orientation": "financial",
                "relationship": 3,
                "last_contact": day("2026-09-15"),
            },
            "claire-martin": {
                "name": "Claire Martin",
                "title": "Packaging R&D Manager",
                "role": "champion",
                "influence": "high",
                "attitude": "ally",
                "orientation": "technical",
                "relationship": 4,
                "last_contact": day("2026-11-17"),
            },
            "antoine-duval": {
                "name": "Antoine Duval",
                "title": "Président-directeur général",
                "role": "decision-maker",
                "influence": "high",
                "attitude": "neutral",
                "orientation": "relationship",
                "relationship": 2,
                "last_contact": day("2026-03-12"),
            },
            "julien-moreau": {
                "name": "Julien Moreau",
                "title": "Directeur Industriel (Industrial Director)",
                "role": "technical-buyer",
                "influence": "high",
                "attitude": "critic",
                "orientation": "technical",
                "relationship": 2,
                "last_contact": day("2026-09-15"),
                "notes": "Stopped the first PP trial after three hours; worried about line speed.",
            },
        },
        "competitors": {
            "plastiques-ouest": {
                "name": "Plastiques de l'Ouest SAS",
                "share_of_wallet": 55,
                "strengths": ["Incumbent on PS sheet, two hours away", "Speaks the language"],
                "weaknesses": ["Late on PP: still in the lab", "Old extrusion lines"],
                "positioning": "The PP expert: we already run PP sheet on the same machines at "
                "two Italian dairies.",
            },
            "sheetpack-iberia": {
                "name": "Sheetpack Iberia S.L.",
                "share_of_wallet": 10,
                "strengths": ["Low price"],
                "weaknesses": ["Thickness variation", "No technical service in France"],
                "positioning": "Line trials with our engineer on site.",
            },
        },
        "swot": {
            "strengths": [
                "PP sheet experience on form-fill-seal lines",
                "Claire Martin as champion",
            ],
            "weaknesses": [
                "Line speed not yet at PS level",
                "Only one French speaker on our side",
            ],
            "opportunities": [
                "Whole PS volume moves to PP in 2027",
                "Other Normandy dairies face the same law",
            ],
            "threats": [
                "Plastiques de l'Ouest catching up on PP",
                "The Industrial Director's veto",
            ],
        },
    },
    "where_to_go": {
        "ambition": text("""
            The reference PP-sheet supplier for their switch away from polystyrene: half of the
            cup sheet volume after the phase-out, €250k a year by the end of 2028.
        """),
        "objectives": {
            "pp-line-speed": {
                "title": "Reach PS-equivalent line speed with our PP sheet",
                "horizon": "short",
                "metric": "line speed compared with PS",
                "unit": "%",
                "baseline": 85,
                "target": 100,
                "current": 93,
                "due": day("2027-03-31"),
                "checkins": {"2026-05-20": 85, "2026-10-08": 93},
            },
            "pp-share": {
                "title": "Supply 50% of their cup sheet after the PS phase-out",
                "horizon": "long",
                "metric": "share of cup sheet volume",
                "unit": "%",
                "baseline": 20,
                "target": 50,
                "current": 24,
                "due": day("2028-06-30"),
            },
            "revenue-2028": {
                "title": "Reach €250k annual revenue",
                "horizon": "long",
                "metric": "revenue, last 12 months",
                "unit": "k€",
                "baseline": 82,
                "target": 250,
                "current": 94,
                "due": day("2028-12-31"),
                "checkins": {"2026-05-31": 87, "2026-08-31": 91},
            },
        },
    },
    "how_to_get_there": {
        "strategy": text("""
            Win the line, then the contract: prove PS-equivalent speed on their machines with
            Claire Martin, turn Julien Moreau from critic to supporter with his own line data,
            and write PP volumes into the January 2027 contract.
        """),
        "actions": {
            "trial-2": {
                "title": "Second line trial with the new PP grade in Saint-Lô",
                "objective": "pp-line-speed",
                "owner": MARCO,
                "due": day("2026-10-08"),
                "status": "done",
                "progress": 100,
                "completed": day("2026-10-08"),
            },
            "moreau-results": {
                "title": "Present the second trial's results to the Industrial Director",
                "objective": "pp-line-speed",
                "owner": SOFIA,
                "due": day("2026-11-19"),
                "status": "in-progress",
                "progress": 50,
            },
            "trial-3": {
                "title": "Third trial: a full shift at target speed",
                "objective": "pp-line-speed",
                "owner": MARCO,
                "due": day("2027-01-21"),
                "status": "todo",
                "progress": 0,
            },
            "french-datasheets": {
                "title": "Translate the PP sheet data sheets into French",
                "objective": "pp-share",
                "owner": SOFIA,
                "due": day("2026-12-18"),
                "status": "in-progress",
                "progress": 70,
            },
            "contract-2027": {
                "title": "Negotiate the 2027 contract with PP volumes in it",
                "objective": "pp-share",
                "owner": SOFIA,
                "due": day("2027-01-15"),
                "status": "todo",
                "progress": 0,
            },
            "edi-setup": {
                "title": "Set up EDI ordering",
                "objective": "revenue-2028",
                "owner": LUCA,
                "due": day("2026-09-30"),
                "status": "blocked",
                "progress": 10,
                "notes": "Their IT projects are frozen until the ERP upgrade (spring 2027).",
            },
            "ps-price-cut": {
                "title": "Offer a 3% price cut on PS sheet to gain volume",
                "objective": "revenue-2028",
                "owner": SOFIA,
                "due": day("2026-04-30"),
                "status": "dropped",
                "progress": 0,
                "notes": "PS is being phased out: no point buying volume that ends in 2027.",
            },
        },
    },
}


# -- B: Bellanova Cosmetici (no overdue action) ---------------------------------------------

BELLANOVA: Doc = {
    "account": {
        "name": "Bellanova Cosmetici S.r.l.",
        "customer_ids": ["C00311"],
        "industry": "Cosmetics and personal care",
        "owner": ELENA,
        "segment": "B",
        "review_every_days": 60,
        "last_review": day("2026-11-24"),
    },
    "where_am_i": {
        "business": text("""
            Cosmetics maker in Crema (CR): skin care and hair care under its own "Bellanova"
            brand and as a contract manufacturer for international brands. About 220 employees.
            We supply PP and PET jars and bottles; tubes through a decoration partner.
        """),
        "priorities": text("""
            A premium look with recycled content (PCR PET, mono-material packs); from brief to
            shelf in 16 weeks for contract-manufacturing clients; lower minimum order
            quantities.
        """),
        "buying_motivation": text("""
            Looks and speed: decoration quality and short lead times win. In contract
            manufacturing the brand owner approves the pack, so Bellanova buys what the brand
            wants; small runs make the minimum order quantity decisive.
        """),
        "decision_process": text("""
            Packaging Development proposes suppliers; for contract manufacturing the brand
            client approves the pack; the Purchasing Manager negotiates; the Managing Director
            approves every new supplier.
        """),
        "relationship_level": "preferred-supplier",
        "accessibility": {
            "technical": {
                "rating": 3,
                "note": "Strong on jars and bottles; tubes and hot-foil decoration only through "
                "our partner.",
            },
            "economic": {
                "rating": 3,
                "note": "Margin about 19% on jars, thin on tubes; small runs cost us set-ups.",
            },
            "commercial": {
                "rating": 4,
                "note": "Direct for Bellanova's brand; brand clients sometimes impose their own "
                "supplier.",
            },
        },
        "buying_centre": {
            "giada-pellegrini": {
                "name": "Giada Pellegrini",
                "title": "Packaging Development Manager",
                "role": "champion",
                "influence": "high",
                "attitude": "ally",
                "orientation": "business",
                "relationship": 5,
                "last_contact": day("2026-11-24"),
            },
            "marco-bassi": {
                "name": "Marco Bassi",
                "title": "Purchasing Manager",
                "role": "economic-buyer",
                "influence": "medium",
                "attitude": "supporter",
                "orientation": "financial",
                "relationship": 4,
                "last_contact": day("2026-11-11"),
            },
            "silvia-bellanova": {
                "name": "Silvia Bellanova",
                "title": "Managing Director",
                "role": "decision-maker",
                "influence": "high",
                "attitude": "neutral",
                "orientation": "business",
                "relationship": 2,
                "last_contact": day("2026-07-08"),
            },
            "laura-testa": {
                "name": "Laura Testa",
                "title": "Account Director, Contract Manufacturing",
                "role": "influencer",
                "influence": "medium",
                "attitude": "supporter",
                "orientation": "relationship",
                "relationship": 3,
                "last_contact": day("2026-10-21"),
            },
            "fabio-orlandi": {
                "name": "Fabio Orlandi",
                "title": "Quality Control Manager",
                "role": "user",
                "influence": "low",
                "attitude": "critic",
                "orientation": "technical",
                "relationship": 2,
                "last_contact": day("2026-05-19"),
                "notes": "Complained about scratches on PET jars (lot 26-0412).",
            },
        },
        "competitors": {
            "vetroplast": {
                "name": "Vetroplast Packaging S.p.A.",
                "share_of_wallet": 40,
                "strengths": ["Decoration in house", "Very large catalogue"],
                "weaknesses": ["Minimum order 50,000 pieces", "Slow on samples"],
                "positioning": "Minimum order 10,000 pieces and samples in five days; "
                "decoration through our partner on the same order.",
            },
            "asia-beauty-pack": {
                "name": "Asia Beauty Pack Ltd.",
                "share_of_wallet": 15,
                "strengths": ["Lowest price on airless bottles"],
                "weaknesses": ["14-week lead time", "Variable quality"],
                "positioning": "Speed and quality for launches; we leave them the long-running "
                "airless items.",
            },
        },
        "swot": {
            "strengths": [
                "Low minimum orders, fast samples",
                "Giada Pellegrini as champion",
            ],
            "weaknesses": ["Decoration outsourced", "Scratches on PET jars in May"],
            "opportunities": [
                "PCR jar range for the Bellanova brand",
                "Brand clients looking for EU suppliers",
            ],
            "threats": [
                "Brand clients imposing global suppliers",
                "Asian airless prices",
            ],
        },
    },
    "where_to_go": {
        "ambition": text("""
            Bellanova's fast, sustainable packaging partner: the PCR range of their own brand
            and a supplier their brand clients ask for by name, €110k a year by mid-2028.
        """),
        "objectives": {
            "pcr-jars": {
                "title": "Launch a PCR PET jar range for the Bellanova brand",
                "horizon": "short",
                "metric": "PCR jar SKUs in production",
                "unit": "SKUs",
                "baseline": 0,
                "target": 5,
                "current": 2,
                "due": day("2027-04-30"),
                "checkins": {"2026-10-30": 1, "2026-11-24": 2},
            },
            "reject-rate": {
                "title": "Bring the jar reject rate at incoming inspection below 0.5%",
                "horizon": "short",
                "metric": "reject rate at incoming inspection",
                "unit": "%",
                "baseline": 1.8,
                "target": 0.5,
                "current": 0.9,
                "due": day("2027-02-26"),
                "checkins": {"2026-07-31": 1.4, "2026-09-30": 1.1, "2026-11-15": 0.9},
            },
            "brand-clients": {
                "title": "Nominated by three contract-manufacturing brand clients",
                "horizon": "long",
                "metric": "brand clients nominating us",
                "unit": "clients",
                "baseline": 1,
                "target": 3,
                "current": 1,
                "due": day("2027-12-31"),
            },
            "revenue-2028": {
                "title": "Grow annual revenue to €110k",
                "horizon": "long",
                "metric": "revenue, last 12 months",
                "unit": "k€",
                "baseline": 52,
                "target": 110,
                "current": 64,
                "due": day("2028-06-30"),
                "checkins": {"2026-05-31": 57, "2026-08-31": 61},
            },
        },
    },
    "how_to_get_there": {
        "strategy": text("""
            Win on speed and small runs, prove sustainability with the PCR range, and fix the
            scratch problem so Quality stops being a critic. Use Laura Testa to meet the brand
            clients.
        """),
        "actions": {
            "pcr-samples": {
                "title": "Deliver decorated PCR jar samples in three sizes",
                "objective": "pcr-jars",
                "owner": ELENA,
                "due": day("2026-09-30"),
                "status": "done",
                "progress": 100,
                "completed": day("2026-10-02"),
            },
            "pcr-first-run": {
                "title": "First production run of PCR jars",
                "objective": "pcr-jars",
                "owner": MARCO,
                "due": day("2027-02-26"),
                "status": "in-progress",
                "progress": 30,
            },
            "layer-pads": {
                "title": "Change jar packing (layer pads) to stop the scratches",
                "objective": "reject-rate",
                "owner": CHIARA,
                "due": day("2026-12-10"),
                "status": "in-progress",
                "progress": 70,
            },
            "md-review": {
                "title": "Business review with Silvia Bellanova",
                "objective": "revenue-2028",
                "owner": ELENA,
                "due": day("2026-12-16"),
                "status": "todo",
                "progress": 0,
            },
            "cosmoprof": {
                "title": "Meet brand clients with Laura Testa at Cosmoprof",
                "objective": "brand-clients",
                "owner": ELENA,
                "due": day("2027-03-19"),
                "status": "todo",
                "progress": 0,
            },
            "tube-decoration": {
                "title": "Agree tube decoration with the partner for the hair-care range",
                "objective": "revenue-2028",
                "owner": ELENA,
                "due": day("2027-01-29"),
                "status": "blocked",
                "progress": 20,
                "notes": "The partner's hot-foil line is full until February.",
            },
            "own-airless": {
                "title": "Offer our own airless bottles",
                "objective": "brand-clients",
                "owner": ELENA,
                "due": day("2026-08-31"),
                "status": "dropped",
                "progress": 0,
                "notes": "Moulds would cost €180k; the volume does not justify it.",
            },
        },
    },
}


# -- C: Logistica Adriatica (stale) ----------------------------------------------------------

LOGISTICA_ADRIATICA: Doc = {
    "account": {
        "name": "Logistica Adriatica S.p.A.",
        "customer_ids": ["C00276"],
        "industry": "Third-party logistics",
        "owner": DAVIDE,
        "segment": "C",
        "review_every_days": 90,
        "last_review": day("2026-06-10"),
    },
    "where_am_i": {
        "business": text("""
            Logistics provider with warehouses in Jesi (AN) and Pescara, 90,000 m², serving food
            and home-appliance brands: storage, palletising, co-packing.
            We supply stretch film and strapping.
        """),
        "priorities": "Lower consumables cost per pallet; two automatic wrappers in 2027; "
        "recycled content asked for by their clients.",
        "buying_motivation": "Cost per pallet wrapped. Price per kg decides unless we prove "
        "less film per pallet.",
        "decision_process": text("""
            The Operations Manager chooses, the Administrative Director approves; three
            suppliers are asked for spot quotes every quarter.
        """),
        "relationship_level": "vendor",
        "accessibility": {
            "technical": {
                "rating": 4,
                "note": "Our pre-stretched film fits their manual wrapping; we also have "
                "machine film for the automatic wrappers.",
            },
            "economic": {
                "rating": 2,
                "note": "Commodity price war, margin about 6% on small volumes.",
            },
            "commercial": {
                "rating": 3,
                "note": "Part of the volume is bought through a packaging distributor.",
            },
        },
        "buying_centre": {
            "fabrizio-marini": {
                "name": "Fabrizio Marini",
                "title": "Operations Manager",
                "role": "decision-maker",
                "influence": "high",
                "attitude": "supporter",
                "orientation": "financial",
                "relationship": 3,
                "last_contact": day("2026-06-10"),
            },
            "roberta-santini": {
                "name": "Roberta Santini",
                "title": "Administrative Director",
                "role": "economic-buyer",
                "influence": "medium",
                "attitude": "neutral",
                "orientation": "financial",
                "relationship": 1,
                "last_contact": day("2025-09-30"),
            },
            "luca-giuliani": {
                "name": "Luca Giuliani",
                "title": "Warehouse Supervisor, Jesi",
                "role": "user",
                "influence": "low",
                "attitude": "ally",
                "orientation": "technical",
                "relationship": 4,
                "last_contact": day("2026-10-02"),
            },
        },
        "competitors": {
            "imballaggi-marche": {
                "name": "Imballaggi Marche S.r.l.",
                "share_of_wallet": 50,
                "strengths": ["Distributor with the full range", "Delivers within a day"],
                "weaknesses": ["No technical support", "Resells standard film only"],
                "positioning": "Less film per pallet, measured on their own pallets.",
            },
            "stretchfilm-polska": {
                "name": "Stretchfilm Polska Sp. z o.o.",
                "share_of_wallet": 25,
                "strengths": ["Lowest price per kg"],
                "weaknesses": ["Full-truck orders only"],
                "positioning": "Cost per pallet, not per kg; small deliveries.",
            },
        },
        "swot": {
            "strengths": ["Pre-stretched film saves film", "The warehouse team likes us"],
            "weaknesses": ["Small volume, low priority for us", "Thin margin"],
            "opportunities": ["Automatic wrappers in 2027 need machine film"],
            "threats": ["Price war", "The distributor's bundle offers"],
        },
    },
    "where_to_go": {
        "ambition": text("""
            A small but profitable account served at low cost: sell cost per pallet instead of
            price per kg, and be the film of their new automatic wrappers.
        """),
        "objectives": {
            "film-per-pallet": {
                "title": "Prove 25% less film per pallet with pre-stretched film",
                "horizon": "short",
                "metric": "film per pallet",
                "unit": "g",
                "baseline": 310,
                "target": 230,
                "current": 265,
                "due": day("2026-12-31"),
                "checkins": {"2026-09-30": 265},
            },
            "automatic-wrappers": {
                "title": "Supply machine film for the new automatic wrappers",
                "horizon": "long",
                "metric": "wrappers running on our film",
                "unit": "wrappers",
                "baseline": 0,
                "target": 2,
                "current": 0,
                "due": day("2027-09-30"),
            },
        },
    },
    "how_to_get_there": {
        "strategy": "Measure, then sell the saving; keep the cost to serve low (quarterly "
        "visits, orders by e-mail).",
        "actions": {
            "wrap-test": {
                "title": "Measure film per pallet on 200 pallets in Jesi",
                "objective": "film-per-pallet",
                "owner": DAVIDE,
                "due": day("2026-09-30"),
                "status": "done",
                "progress": 100,
                "completed": day("2026-10-02"),
            },
            "saving-report": {
                "title": "Send the film-saving report to the Operations Manager",
                "objective": "film-per-pallet",
                "owner": DAVIDE,
                "due": day("2026-10-31"),
                "status": "todo",
                "progress": 0,
            },
            "pescara-trial": {
                "title": "Film trial in the Pescara warehouse",
                "objective": "film-per-pallet",
                "owner": DAVIDE,
                "due": day("2027-01-29"),
                "status": "in-progress",
                "progress": 20,
            },
            "wrapper-spec": {
                "title": "Get the specification of the automatic wrappers they are buying",
                "objective": "automatic-wrappers",
                "owner": DAVIDE,
                "due": day("2026-11-20"),
                "status": "blocked",
                "progress": 0,
                "notes": "No machine chosen yet; their tender moved to the first quarter.",
            },
            "direct-supply": {
                "title": "Move the distributor's volume to direct supply",
                "objective": "automatic-wrappers",
                "owner": DAVIDE,
                "due": day("2026-07-31"),
                "status": "dropped",
                "progress": 0,
                "notes": "The distributor also buys from us elsewhere; not worth the conflict.",
            },
        },
    },
}


# -- C: Serre di Sicilia ---------------------------------------------------------------------

SERRE_DI_SICILIA: Doc = {
    "account": {
        "name": "Serre di Sicilia Soc. Coop. Agricola",
        "customer_ids": ["C00187"],
        "industry": "Agriculture (greenhouse vegetables)",
        "owner": DAVIDE,
        "segment": "C",
        "review_every_days": 90,
        "last_review": day("2026-10-01"),
    },
    "where_am_i": {
        "business": text("""
            Cooperative of 48 growers near Vittoria (RG): cherry tomatoes, peppers and
            courgettes on 380 ha of greenhouses, with its own packing house.
            We supply three-layer greenhouse film; punnets were tested through a partner.
        """),
        "priorities": text("""
            Change greenhouse film every three years instead of two; cheaper packaging for the
            supermarket chains; collect and recycle used film (regional obligation).
        """),
        "buying_motivation": text("""
            Cost per hectare per year and film life; the members trust their agronomist; payment
            terms that follow the harvest.
        """),
        "decision_process": text("""
            The agronomist tests films on a few members' greenhouses; the Board decides the
            yearly film order in August on her advice; the President signs.
        """),
        "relationship_level": "vendor",
        "accessibility": {
            "technical": {
                "rating": 4,
                "note": "Our three-season film fits; test results after 12 months are good.",
            },
            "economic": {
                "rating": 3,
                "note": "Payment at harvest (150 days); we need credit insurance.",
            },
            "commercial": {
                "rating": 2,
                "note": "Bought through an agricultural dealer in Catania until 2025; direct only "
                "since then.",
            },
        },
        "buying_centre": {
            "salvatore-gurrieri": {
                "name": "Salvatore Gurrieri",
                "title": "President",
                "role": "decision-maker",
                "influence": "high",
                "attitude": "neutral",
                "orientation": "relationship",
                "relationship": 2,
                "last_contact": day("2026-08-20"),
            },
            "carmela-licitra": {
                "name": "Dr. Carmela Licitra",
                "title": "Agronomist",
                "role": "technical-buyer",
                "influence": "high",
                "attitude": "ally",
                "orientation": "technical",
                "relationship": 4,
                "last_contact": day("2026-11-16"),
            },
            "giuseppe-arezzo": {
                "name": "Giuseppe Arezzo",
                "title": "Packing House Manager",
                "role": "user",
                "influence": "medium",
                "attitude": "supporter",
                "orientation": "financial",
                "relationship": 3,
                "last_contact": day("2026-10-01"),
            },
        },
        "competitors": {
            "agrifilm-mediterranea": {
                "name": "AgriFilm Mediterranea S.r.l.",
                "share_of_wallet": 60,
                "strengths": ["Local plant in Sicily", "Dealer network", "Two-season film cheap"],
                "weaknesses": ["No three-season film", "No take-back of used film"],
                "positioning": "Three-season film: lower cost per hectare per year, proven on "
                "the agronomist's own test greenhouses; take-back of used film.",
            },
        },
        "swot": {
            "strengths": ["Three-season film with 12 months of test data", "Agronomist on side"],
            "weaknesses": ["Far from Sicily", "Long payment terms"],
            "opportunities": [
                "Regional obligation to recycle used film",
                "Other cooperatives around Vittoria",
            ],
            "threats": ["AgriFilm's dealer network", "A bad harvest year cutting the order"],
        },
    },
    "where_to_go": {
        "ambition": text("""
            Become the cooperative's film supplier of choice with the three-season film and a
            used-film take-back scheme, then use it as the reference for the Vittoria area.
        """),
        "objectives": {
            "test-greenhouses": {
                "title": "Cover 10 ha of test greenhouses with our three-season film",
                "horizon": "short",
                "metric": "hectares covered",
                "unit": "ha",
                "baseline": 2,
                "target": 10,
                "current": 6,
                "due": day("2026-12-31"),
                "checkins": {"2026-04-30": 2, "2026-09-15": 6},
            },
            "film-order-2027": {
                "title": "Win 30% of the August 2027 film order",
                "horizon": "short",
                "metric": "share of the yearly film order",
                "unit": "%",
                "baseline": 8,
                "target": 30,
                "current": 8,
                "due": day("2027-08-31"),
            },
            "film-take-back": {
                "title": "Run a used-film take-back scheme with the cooperative",
                "horizon": "long",
                "metric": "used film collected per year",
                "unit": "t",
                "baseline": 0,
                "target": 40,
                "current": 0,
                "due": day("2028-09-30"),
            },
        },
    },
    "how_to_get_there": {
        "strategy": text("""
            Let the results speak through the agronomist; make the offer easy to say yes to
            (credit insurance, take-back); keep the cost to serve low with two visits a year.
        """),
        "actions": {
            "autumn-covering": {
                "title": "Cover four more hectares before the autumn planting",
                "objective": "test-greenhouses",
                "owner": DAVIDE,
                "due": day("2026-09-15"),
                "status": "done",
                "progress": 100,
                "completed": day("2026-09-12"),
            },
            "light-measurements": {
                "title": "Measure light transmission after 12 months on the test greenhouses",
                "objective": "test-greenhouses",
                "owner": MARCO,
                "due": day("2026-12-18"),
                "status": "in-progress",
                "progress": 30,
            },
            "credit-insurance": {
                "title": "Get credit insurance for 150-day payment terms",
                "objective": "film-order-2027",
                "owner": LUCA,
                "due": day("2026-10-15"),
                "status": "blocked",
                "progress": 40,
                "notes": "The insurer wants the cooperative's 2025 accounts, not filed yet.",
            },
            "board-presentation": {
                "title": "Present the test results to the Board",
                "objective": "film-order-2027",
                "owner": DAVIDE,
                "due": day("2027-06-15"),
                "status": "todo",
                "progress": 0,
            },
            "recycler": {
                "title": "Find a recycler in Sicily for used greenhouse film",
                "objective": "film-take-back",
                "owner": DAVIDE,
                "due": day("2027-03-31"),
                "status": "in-progress",
                "progress": 40,
            },
            "punnets": {
                "title": "Offer punnets for the packing house",
                "objective": "film-order-2027",
                "owner": DAVIDE,
                "due": day("2026-05-29"),
                "status": "dropped",
                "progress": 0,
                "notes": "The partner's punnets were 18% above the chains' target price.",
            },
        },
    },
}


# -- new account, no segment yet, plan only partly filled -------------------------------------

BRIGHTWAY_MEDICAL: Doc = {
    "account": {
        "name": "Brightway Medical Devices, Inc.",
        "customer_ids": ["C00352"],
        "industry": "Medical devices",
        "owner": SOFIA,
        "review_every_days": 30,
    },
    "where_am_i": {
        "business": text("""
            US maker of single-use surgical instruments (Minneapolis, MN), with an assembly
            plant in Mirandola (MO) opened in 2025. First orders to us in June 2026: PETG
            thermoformed trays for the Mirandola plant (C00352).
        """),
        "priorities": "Ramp up Mirandola; buy packaging locally in the EU.",
        "relationship_level": "vendor",
        "accessibility": {
            "technical": {
                "rating": 4,
                "note": "PETG trays are fine; the sterile-barrier lids are not in our range.",
            },
        },
        "buying_centre": {
            "jennifer-walsh": {
                "name": "Jennifer Walsh",
                "title": "Director of Global Sourcing",
                "role": "economic-buyer",
                "influence": "high",
                "orientation": "financial",
                "relationship": 1,
                "last_contact": day("2026-06-04"),
            },
            "marco-lugli": {
                "name": "Marco Lugli",
                "title": "Plant Manager, Mirandola",
                "role": "champion",
                "influence": "medium",
                "attitude": "supporter",
                "orientation": "technical",
                "relationship": 3,
                "last_contact": day("2026-11-09"),
            },
        },
        "swot": {
            "strengths": ["Thermoforming plant one hour from Mirandola"],
            "opportunities": ["The group wants EU suppliers for three more product lines"],
        },
    },
    "where_to_go": {
        "ambition": "Turn the first trial orders into a yearly supply agreement for all the "
        "Mirandola trays.",
        "objectives": {
            "supply-agreement": {
                "title": "Sign a yearly supply agreement for Mirandola",
                "horizon": "short",
                "metric": "agreement signed",
                "unit": "yes/no",
                "baseline": 0,
                "target": 1,
                "current": 0,
                "due": day("2027-03-31"),
            },
        },
    },
    "how_to_get_there": {
        "actions": {
            "mirandola-visit": {
                "title": "Visit the Mirandola plant with application engineering",
                "objective": "supply-agreement",
                "owner": SOFIA,
                "due": day("2026-12-10"),
                "status": "todo",
                "progress": 0,
            },
            "map-buying-centre": {
                "title": "Find out who decides in Minneapolis",
                "owner": SOFIA,
                "status": "todo",
                "progress": 0,
            },
        },
    },
}


PLANS: dict[str, Doc] = {
    "alimentare-padano": ALIMENTARE_PADANO,
    "kessler-fahrzeugtechnik": KESSLER,
    "farmaceutici-lombardi": FARMACEUTICI_LOMBARDI,
    "freni-orobici": FRENI_OROBICI,
    "supermercati-tirreno": SUPERMERCATI_TIRRENO,
    "officine-ferraresi": OFFICINE_FERRARESI,
    "laiterie-duval": LAITERIE_DUVAL,
    "bellanova-cosmetici": BELLANOVA,
    "logistica-adriatica": LOGISTICA_ADRIATICA,
    "serre-di-sicilia": SERRE_DI_SICILIA,
    "brightway-medical": BRIGHTWAY_MEDICAL,
}


def render(plan_id: str, doc: Doc) -> str:
    """The canonical text of one plan; fails loudly if kamtui finds anything to say about it."""
    plan, findings = decode_plan({"schema": 1, **doc}, plan_id)
    if plan is None or findings:
        raise SystemExit(f"{plan_id}: " + "; ".join(f.message for f in findings))
    out = dumps_plan(plan)
    check = parse_plan(out.encode(), OUT / f"{plan_id}.toml")
    if check.problems or check.plan is None or dumps_plan(check.plan) != out:
        raise SystemExit(f"{plan_id}: the written text does not read back canonically")
    return out


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    files = {f"{plan_id}.toml": render(plan_id, doc) for plan_id, doc in PLANS.items()}
    files |= {".gitignore": GITIGNORE, ".gitattributes": GITATTRIBUTES}
    for name, content in files.items():
        (OUT / name).write_bytes(content.encode("utf-8"))
    strays = sorted(p.name for p in OUT.glob("*.toml") if p.name not in files)
    if strays:
        print(f"note: not generated here, left alone: {', '.join(strays)}")
    print(f"wrote {len(PLANS)} plans to {OUT}")


if __name__ == "__main__":
    main()
