"""Generate ``sample_data/revenue.csv``: 24 months of invoice lines from a fictional Italian ERP.

The supplier is Tecnoplast Italia S.p.A. (industrial plastics and packaging). The file looks like
a real accounting export: semicolon-delimited UTF-8, header in Italian, dates ``dd/mm/yyyy``,
amounts in Italian format (``1.234,56``, credit notes negative), one row per invoice *line* (an
invoice number repeats on several rows), company names with accents, quotes and semicolons.

The key accounts of ``sample_data/workspace`` are in the file under their customer ids, with
yearly totals that match their plans and their ABC segment; the rest of the portfolio is drawn
from a lognormal distribution, so revenue is concentrated the way real portfolios are. Some
customers buy only in the first or only in the second year (lost and new customers), one has a
negative total and one a zero total.

Deterministic (seeded), stdlib only. Run from anywhere::

    python sample_data/make_revenue.py
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

SEED = 20261130
OUT = Path(__file__).resolve().parent / "revenue.csv"
HEADER = ("Codice cliente", "Ragione sociale", "Data fattura", "Numero fattura", "Imponibile")

START = dt.date(2024, 12, 1)
END = dt.date(2026, 11, 30)
# The two 12-month years of the export: Y1 = Dec 2024 - Nov 2025, Y2 = Dec 2025 - Nov 2026.
MONTHS = [(2024 + (11 + i) // 12, (11 + i) % 12 + 1) for i in range(24)]
# Relative sales per calendar month (August shutdown, quiet December and January).
SEASON = {1: 0.85, 2: 1.0, 3: 1.1, 4: 1.05, 5: 1.05, 6: 1.1, 7: 1.0, 8: 0.45, 9: 1.1, 10: 1.15}
SEASON |= {11: 1.1, 12: 0.8}
# First invoice numbers of each calendar year (the export starts in December 2024).
FIRST_NUMBER = {2024: 8214, 2025: 1, 2026: 1}
FIRST_CREDIT_NUMBER = {2024: 301, 2025: 1, 2026: 1}

OLD_CUSTOMERS = 319  # C00001 .. C00319: customers since before the export window
NEW_CUSTOMERS = range(320, 359)  # C00320 .. C00358: first invoice in the window
LOST_SHARE = 0.08  # old customers that stop buying during the first year
# Yearly revenue of the other customers: lognormal (median, sigma), capped. Tuned so that the
# key accounts land in the ABC class of their plan (checked in main()).
SIZE_MEDIAN, SIZE_SIGMA, SIZE_CAP = 9_000, 1.9, 1_500_000.0

# The key accounts of the sample workspace: id -> (name, revenue Y1, revenue Y2), in euro.
# Segments in the plans: A for the first four groups, B for the next four, C for the last two;
# C00352 is a new account (first order June 2026) that has no segment yet.
KEY_ACCOUNTS: dict[str, tuple[str, int, int]] = {
    # alimentare-padano (A)
    "C00017": ("Gruppo Alimentare Padano S.p.A.", 3_050_000, 3_400_000),
    "C00018": ("Gruppo Alimentare Padano S.p.A.; Stabilimento di Lodi", 600_000, 680_000),
    # kessler-fahrzeugtechnik (A)
    "C00008": ("Kessler Fahrzeugtechnik GmbH", 2_600_000, 2_900_000),
    # farmaceutici-lombardi (A)
    "C00105": ("Laboratori Farmaceutici Lombardi S.p.A.", 1_850_000, 2_120_000),
    # freni-orobici (A)
    "C00042": ("Freni Orobici S.p.A.", 1_180_000, 1_060_000),
    "C00043": ("Freni Orobici S.p.A. - Stabilimento di Cassino", 540_000, 480_000),
    # supermercati-tirreno (B)
    "C00128": ("Supermercati del Tirreno S.p.A.", 62_000, 66_000),
    "C00129": ('Tirreno Freschi S.r.l. "Il Forno del Tirreno"', 30_000, 40_000),
    # laiterie-duval (B)
    "C00064": ("Laiterie Normande Duval SA", 82_000, 98_000),
    # officine-ferraresi (B)
    "C00230": ("Officine Meccaniche Ferraresi S.r.l.", 72_000, 84_000),
    # bellanova-cosmetici (B)
    "C00311": ("Bellanova Cosmetici S.r.l.", 52_000, 64_000),
    # logistica-adriatica (C)
    "C00276": ("Logistica Adriatica S.p.A.", 16_000, 12_000),
    # serre-di-sicilia (C)
    "C00187": ("Serre di Sicilia Soc. Coop. Agricola", 9_000, 14_000),
    # brightway-medical (no segment yet): first order in June 2026
    "C00352": ("Brightway Medical Devices, Inc. - Mirandola Plant", 0, 26_000),
}
EXPECTED_CLASS = {
    **dict.fromkeys(("C00017", "C00018", "C00008", "C00105", "C00042", "C00043"), "A"),
    **dict.fromkeys(("C00128", "C00129", "C00064", "C00230", "C00311"), "B"),
    **dict.fromkeys(("C00276", "C00187"), "C"),
}
NEGATIVE_CUSTOMER = "C00097"  # only a credit note for goods invoiced before the window
ZERO_CUSTOMER = "C00213"  # one order, cancelled in full by a credit note

# -- company names ---------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    """Items of a comma-separated block (items may hold spaces and apostrophes)."""
    return [w.strip() for w in text.replace("\n", " ").split(",") if w.strip()]


SURNAMES = _words(
    """Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco, Bruno,
    Gallo, Conti, De Luca, Mancini, Costa, Giordano, Rizzo, Lombardi, Moretti, Barbieri, Fontana,
    Santoro, Mariani, Rinaldi, Caruso, Ferrara, Galli, Martini, Leone, Longo, Gentile, Martinelli,
    Vitale, Lombardo, Serra, Coppola, De Santis, D'Angelo, Marchetti, Parisi, Villa, Conte,
    Ferraro, Ferri, Fabbri, Bianco, Marini, Grasso, Valentini, Messina, Sala, De Rosa, Gatti,
    Pellegrini, Palumbo, Sanna, Farina, Rizzi, Monti, Cattaneo, Morelli, Amato, Silvestri, Mazza,
    Testa, Grassi, Pellegrino, Carbone, Giuliani, Benedetti, Barone, Rossetti, Caputo, Montanari,
    Guerra, Palmieri, Bernardi, Martino, Fiore, De Angelis, Ferretti, Bellini, Basile, Riva,
    Donati, Piras, Vitali, Battaglia, Sartori, Neri, Costantini, Milani, Pagano, Ruggiero,
    Sorrentino, D'Amico, Orlando, Negri, Zanetti, Bonfanti, Brambilla, Tonelli, Pozzi, Cattani,
    Gualtieri, Carrà, Mazzucchelli, Lucà, Pitzalis, Dall'Olio, Sant'Elia, Nicolò, Santoianni"""
)
FIRST_NAMES = _words(
    """Giuseppe, Maria, Antonio, Anna, Giovanni, Francesca, Luca, Chiara, Marco, Elena, Paolo,
    Sara, Andrea, Giulia, Stefano, Laura, Roberto, Alessia, Nicolò, Mattia, Noemi, Ilaria"""
)
PLACES = _words(
    """Brianza, Bergamo, Cremona, Lodi, Pavia, Varese, Como, Monza, Brescia, Mantova, Verona,
    Vicenza, Treviso, Padova, Rovigo, Modena, Reggio Emilia, Parma, Piacenza, Ferrara, Ravenna,
    Forlì, Cesena, Rimini, Pesaro, Ancona, Macerata, Perugia, Arezzo, Siena, Prato, Pistoia,
    Lucca, Livorno, Pisa, Genova, Savona, Cuneo, Asti, Novara, Biella, Torino, Trento, Bolzano,
    Udine, Pordenone, Gorizia, Trieste, Bari, Lecce, Taranto, Napoli, Salerno, Caserta, Avellino,
    Cosenza, Catania, Palermo, Ragusa, Siracusa, Cagliari, Sassari, Nuoro, Cantù, Mondovì,
    Cefalù, Paternò, Pontedera, Nardò, Sant'Agata, Città di Castello, San Donà di Piave"""
)
ACTIVITIES = _words(
    """Imballaggi, Plastiche, Materie Plastiche, Stampaggio, Packaging, Cartotecnica,
    Tecnopolimeri, Termoformatura, Alimentari, Conserve, Caseificio, Salumificio, Pastificio,
    Dolciaria, Vini, Oleificio, Cosmetici, Farmaceutici, Detergenti, Meccanica, Automazioni,
    Componenti, Elettromeccanica, Arredi, Logistica, Trasporti, Ortofrutta, Florovivaismo,
    Surgelati, Bevande, Acque Minerali, Tipografia, Chimica, Vernici, Edilizia, Serramenti,
    Giocattoli, Articoli Casalinghi, Calzature, Tessile"""
)
FORMS = ["S.r.l."] * 10 + ["S.p.A."] * 3 + ["S.n.c.", "S.a.s.", "S.r.l.s.", "Soc. Coop."]
FOREIGN = [
    "Müller Verpackungen GmbH",
    "Schäfer Kunststofftechnik GmbH & Co. KG",
    "Brauerei Kößler GmbH",
    "Emballages Côte d'Azur SARL",
    "Fromagerie Lefèvre & Fils SAS",
    "Société Lyonnaise de Conditionnement SA",
    "Envases Ibéricos S.L.",
    "Conservas La Coruña S.A.",
    "Nordic Pack AB",
    "Opakowania Kraków Sp. z o.o.",
    "Plásticos do Porto, Lda.",
    "Alpine Foods AG",
    "Zürcher Kunststoffwerk AG",
    "Österreichische Verpackungswerke GmbH",
    "Brussels Biscuit Company NV",
    "Dutch Dairy Packaging B.V.",
    "Hellas Plastics S.A.",
    "Smith & O'Brien Packaging Ltd.",
    "Midwest Closures, Inc.",
    "Ljubljana Embalaža d.o.o.",
]
QUOTED = [
    'Caseificio "Santa Lucia" Soc. Coop.',
    'Tipografia "La Stella" S.n.c.',
    'Pasticceria "Dolce Vita" di Russo Anna',
    'Cantina Sociale "Terre del Sole" Soc. Coop.',
    "Frantoio \"L'Ulivo d'Oro\" S.r.l.",
    'Azienda Agricola "Il Poggio" di Neri Paolo',
    'Salumificio "Valle Brembana" S.p.A.',
    'Consorzio "Pomodoro di Pachino" Soc. Coop.',
]
SEMICOLON = [
    "Rossi Imballaggi S.r.l.; Filiale di Bari",
    "Conserve Italia del Sud S.p.A.; Stabilimento di Nocera",
    'Pastificio Gallo S.r.l.; Magazzino "Nord"',
    "F.lli Bonfanti S.n.c.; c/o Interporto di Verona",
]


def company_names(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """*count* distinct, plausible customer names (Italian mostly, a few foreign)."""
    specials = [*FOREIGN, *QUOTED, *SEMICOLON]
    rng.shuffle(specials)
    names: list[str] = []
    while len(names) < count:
        roll = rng.random()
        if specials and roll < 0.11:
            name = specials.pop()
        elif roll < 0.40:
            name = f"{rng.choice(SURNAMES)} {rng.choice(ACTIVITIES)} {rng.choice(FORMS)}"
        elif roll < 0.62:
            name = f"{rng.choice(ACTIVITIES)} {rng.choice(PLACES)} {rng.choice(FORMS)}"
        elif roll < 0.74:
            a, b = rng.sample(SURNAMES, 2)
            name = f"{a} & {b} {rng.choice(['S.n.c.', 'S.r.l.', 'S.a.s.'])}"
        elif roll < 0.84:
            name = f"F.lli {rng.choice(SURNAMES)} {rng.choice(['S.n.c.', 'S.r.l.'])}"
        elif roll < 0.93:
            surname, first = rng.choice(SURNAMES), rng.choice(FIRST_NAMES)
            name = f"{surname} {first[0]}. & C. S.a.s. di {first} {surname}"
        else:
            name = f"Nuova {rng.choice(ACTIVITIES)} {rng.choice(PLACES)} {rng.choice(FORMS)}"
        if name not in taken:
            taken.add(name)
            names.append(name)
    return names


# -- amounts and invoices --------------------------------------------------------------------


@dataclass
class Customer:
    id: str
    name: str
    yearly: tuple[float, float]  # net revenue wanted in Y1 and Y2
    active: tuple[int, int] = (0, 23)  # first and last month index (0 = Dec 2024) with orders
    lines: list[tuple[dt.date, str, int]] = field(default_factory=list)  # date, kind, cents


def italian_amount(cents: int) -> str:
    """``-1234567`` → ``-12.345,67``."""
    sign = "-" if cents < 0 else ""
    units, rest = divmod(abs(cents), 100)
    return f"{sign}{units:,}".replace(",", ".") + f",{rest:02d}"


def working_day(rng: random.Random, year: int, month: int) -> dt.date:
    days = calendar.monthrange(year, month)[1]
    while True:
        day = dt.date(year, month, rng.randint(1, days))
        if day.weekday() < 5 and START <= day <= END:
            return day


def split_cents(rng: random.Random, total: int, parts: int, spread: float) -> list[int]:
    """*total* cents split into *parts* positive random amounts that add up exactly."""
    weights = [rng.lognormvariate(0, spread) for _ in range(parts)]
    scale = total / sum(weights)
    cents = [max(1, int(w * scale)) for w in weights]
    cents[cents.index(max(cents))] += total - sum(cents)
    return cents


def invoice_customer(rng: random.Random, c: Customer) -> None:
    """Fill ``c.lines`` with invoice lines (kind "FT") and credit notes (kind "NC")."""
    for year in (0, 1):
        total = round(c.yearly[year] * 100)
        months = [m for m in range(year * 12, year * 12 + 12) if c.active[0] <= m <= c.active[1]]
        if total <= 0 or not months:
            continue
        invoices = max(1, min(170, round(math.sqrt(c.yearly[year]) / 9)))
        month_weights = [SEASON[MONTHS[m][1]] for m in months]
        amounts = split_cents(rng, total, invoices, 0.55)
        for amount in amounts:
            year_, month = MONTHS[rng.choices(months, month_weights)[0]]
            day = working_day(rng, year_, month)
            big = amount > 2_000_000
            n_lines = 1 + min(5, int(rng.expovariate(0.9 if big else 1.6)))
            for cents in split_cents(rng, amount, n_lines, 0.8) if amount >= n_lines else [amount]:
                c.lines.append((day, "FT", cents))
            if rng.random() < 0.03:  # a return, a price correction or a damaged delivery
                when = day + dt.timedelta(days=rng.randint(6, 45))
                if when <= END and when.weekday() < 5:
                    share = rng.choice([0.05, 0.1, 0.2, 0.5, 1.0])
                    c.lines.append((when, "NC", -max(100, round(amount * share))))


# -- ABC check (kamtui's default rule: cumulative revenue 80 % / 95 %) -------------------------


def abc_classes(totals: dict[str, int]) -> dict[str, str]:
    ranked = sorted((cid for cid in totals if totals[cid] > 0), key=lambda k: (-totals[k], k))
    positive = sum(totals[k] for k in ranked)
    out = {cid: "C" for cid in totals}
    running = 0.0
    for cid in ranked:
        before = running / positive
        out[cid] = "A" if before < 0.80 - 1e-9 else ("B" if before < 0.95 - 1e-9 else "C")
        running += totals[cid]
    return out


def period_totals(customers: list[Customer], first: int, last: int) -> dict[str, int]:
    lo = dt.date(*MONTHS[first], 1)
    hi_year, hi_month = MONTHS[last]
    hi = dt.date(hi_year, hi_month, calendar.monthrange(hi_year, hi_month)[1])
    out: dict[str, int] = defaultdict(int)
    for c in customers:
        for day, _kind, cents in c.lines:
            if lo <= day <= hi:
                out[c.id] += cents
    return dict(out)


# -- the portfolio ---------------------------------------------------------------------------


def build_customers(rng: random.Random) -> list[Customer]:
    ids = [f"C{n:05d}" for n in range(1, OLD_CUSTOMERS + 1)] + [f"C{n:05d}" for n in NEW_CUSTOMERS]
    taken = {name for name, _y1, _y2 in KEY_ACCOUNTS.values()}
    others = [cid for cid in ids if cid not in KEY_ACCOUNTS]
    names = iter(company_names(rng, len(others), taken))
    customers = []
    for cid in ids:
        if cid in KEY_ACCOUNTS:
            name, y1, y2 = KEY_ACCOUNTS[cid]
            first = 18 if y1 == 0 else 0  # the new key account starts in June 2026
            customers.append(Customer(cid, name, (y1, y2), (first, 23)))
            continue
        name = next(names)
        size = min(SIZE_CAP, rng.lognormvariate(math.log(SIZE_MEDIAN), SIZE_SIGMA))
        growth = math.exp(rng.gauss(0.03, 0.22))
        number = int(cid[1:])
        if number > OLD_CUSTOMERS:  # new customer: starts during the window, mostly in Y2
            first = rng.randint(9, 21)
            months_y1 = max(0, 12 - first)
            customers.append(
                Customer(cid, name, (size * months_y1 / 12, size * growth), (first, 23))
            )
        elif rng.random() < LOST_SHARE:  # lost customer: stops during Y1
            last = rng.randint(2, 11)
            customers.append(Customer(cid, name, (size * (last + 1) / 12, 0.0), (0, last)))
        else:
            customers.append(Customer(cid, name, (size, size * growth)))
    return customers


def special_cases(customers: list[Customer]) -> None:
    by_id = {c.id: c for c in customers}
    negative = by_id[NEGATIVE_CUSTOMER]
    negative.yearly, negative.active = (0.0, 0.0), (0, 1)
    negative.lines = [
        (dt.date(2025, 1, 17), "NC", -234_000),  # goods returned, invoiced in November 2024
        (dt.date(2025, 1, 17), "NC", -56_080),
    ]
    zero = by_id[ZERO_CUSTOMER]
    zero.yearly, zero.active = (0.0, 0.0), (3, 4)
    zero.lines = [(dt.date(2025, 3, 12), "FT", 187_040), (dt.date(2025, 4, 2), "NC", -187_040)]


def number_documents(customers: list[Customer]) -> list[tuple[str, str, str, str, str]]:
    """Rows in date order; lines of one invoice get one number, numbered per calendar year."""
    docs: dict[tuple[dt.date, str, str, int], list[int]] = defaultdict(list)
    for c in customers:
        # The lines of one invoice are consecutive in c.lines; consecutive invoices of the same
        # day are merged into one (orders shipped together are invoiced together).
        seq, previous = 0, None
        for day, kind, cents in c.lines:
            key = (day, kind)
            if key != previous:
                seq += 1
                previous = key
            docs[(day, c.id, kind, seq)].append(cents)
    counters = {("FT", y): n for y, n in FIRST_NUMBER.items()}
    counters |= {("NC", y): n for y, n in FIRST_CREDIT_NUMBER.items()}
    names = {c.id: c.name for c in customers}
    rows = []
    for day, cid, kind, seq in sorted(docs, key=lambda k: (k[0], k[2], k[1], k[3])):
        number = counters[(kind, day.year)]
        counters[(kind, day.year)] += 1
        doc_number = f"{kind}{day.year}/{number:06d}"
        for cents in docs[(day, cid, kind, seq)]:
            rows.append((cid, names[cid], day.strftime("%d/%m/%Y"), doc_number, cents))
    return [(a, b, c, d, italian_amount(e)) for a, b, c, d, e in rows]


def main() -> None:
    rng = random.Random(SEED)
    customers = build_customers(rng)
    for c in customers:
        invoice_customer(rng, c)
    special_cases(customers)

    periods = (("24 months", 0, 23), ("first 12 months", 0, 11), ("last 12 months", 12, 23))
    for label, first, last in periods:
        classes = abc_classes(period_totals(customers, first, last))
        wrong = {k: classes.get(k) for k, v in EXPECTED_CLASS.items() if classes.get(k) != v}
        if wrong:
            raise SystemExit(f"key accounts in the wrong ABC class over the {label}: {wrong}")

    rows = number_documents(customers)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows)

    y1, y2 = period_totals(customers, 0, 11), period_totals(customers, 12, 23)
    customers_with_lines = {c.id for c in customers if c.lines}
    lost = sum(1 for k in y1 if y1[k] > 0 and y2.get(k, 0) <= 0)
    new = sum(1 for k in y2 if y2[k] > 0 and y1.get(k, 0) <= 0)
    print(
        f"{OUT.name}: {len(rows)} lines, {len(customers_with_lines)} customers, "
        f"net {italian_amount(sum(y1.values()) + sum(y2.values()))} EUR "
        f"(Y1 {italian_amount(sum(y1.values()))}, Y2 {italian_amount(sum(y2.values()))}); "
        f"{new} new and {lost} lost customers in Y2"
    )


if __name__ == "__main__":
    main()
