"""Build the shipped sample network from the researched ecosystem data (a developer's script).

The sample is the ecosystem's real organisations, programmes, forums and sourced ties, plus an
illustrative layer: influence and engagement scores, fictional actors and the ties that connect them.
The CSV outputs are committed and shipped with the package; this script only regenerates them::

    python -m netmap.sample.build path/to/data/ecosystem [--out netmap/sample] [--seed 2026]

The same ecosystem folder and seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from netmap.model import derive_sphere
from netmap.sample.generate import ACTOR_COLUMNS, REL_COLUMNS

HOME = "iom"
SCORES_TAG = "illustrative-scores"
FICTIONAL_TAG = "fictional"
DEFAULT_SEED = 2026

# --- the illustrative layer on real organisations ------------------------------------------------------

#: Hand-picked engagement of the home actor with real organisations (illustrative, not a fact).
REAL_ENGAGEMENT: dict[str, str] = {
    **dict.fromkeys("unhcr tbb talentlift giz icmpd eu-dg-home refugepoint".split(), "partner"),
    **dict.fromkeys(
        "ilo oecd tent refugee-hub jumpstart ircc uk-home-office nasc refuaid cedefop world-bank au-home-affairs "
        "fedasil us-state-prm unesco eu-commission".split(),
        "engaged",
    ),
    **dict.fromkeys(
        "ioe icc wef fragomen hias irc shapiro-foundation gov-portugal aima-portugal vdab nhs-england "
        "refugee-talent-hub icmc gov-canada".split(),
        "contacted",
    ),
}
#: Hand-picked influence (1-5) for the organisations that set the agenda (illustrative).
REAL_INFLUENCE: dict[str, int] = {
    **dict.fromkeys("unhcr iom eu-commission eu-dg-home world-bank gov-canada wef".split(), 5),
    **dict.fromkeys(
        "ilo oecd icc ioe tbb tent gov-australia uk-home-office ircc giz bmz us-state-prm icmpd ituc unesco euaa "
        "au-home-affairs nhs-england osf".split(),
        4,
    ),
}
#: Sphere overrides where the kind-and-sectors rule misses the point (the tool's classification, not a fact).
SPHERE_OVERRIDES: dict[str, str] = {"iom": "both", "unhcr": "both", "icmc": "both", "refugepoint": "both"}

#: Engagement distribution by kind for actors not hand-picked: (status, weight) pairs.
ENGAGEMENT_BY_KIND: dict[str, Sequence[tuple[str, int]]] = {
    "Company": (("none", 55), ("identified", 35), ("contacted", 10)),
    "EmployerOrganisation": (("none", 35), ("identified", 45), ("contacted", 20)),
    "TradeUnion": (("none", 50), ("identified", 50)),
    "NGO": (("identified", 35), ("contacted", 35), ("engaged", 30)),
    "CivilSociety": (("identified", 50), ("contacted", 30), ("engaged", 20)),
    "RefugeeLed": (("identified", 40), ("contacted", 30), ("engaged", 30)),
    "Government": (("none", 15), ("identified", 45), ("contacted", 40)),
    "IGO": (("identified", 30), ("contacted", 40), ("engaged", 30)),
    "Academic": (("none", 20), ("identified", 40), ("contacted", 30), ("engaged", 10)),
    "Foundation": (("none", 20), ("identified", 40), ("contacted", 40)),
    "Other": (("none", 50), ("identified", 40), ("contacted", 10)),
}
#: Influence range (inclusive) by kind for real actors not hand-picked, and for fictional ones.
INFLUENCE_REAL: dict[str, tuple[int, int]] = {
    "IGO": (3, 4),
    "Government": (3, 4),
    "Company": (2, 4),
    "EmployerOrganisation": (3, 4),
    "NGO": (2, 3),
    "Foundation": (2, 3),
    "TradeUnion": (3, 3),
    "Academic": (2, 3),
    "CivilSociety": (2, 2),
    "RefugeeLed": (2, 3),
    "Other": (2, 3),
}
INFLUENCE_FICTIONAL: dict[str, tuple[int, int]] = {
    "IGO": (2, 3),
    "Government": (2, 3),
    "Company": (1, 3),
    "EmployerOrganisation": (2, 3),
    "NGO": (1, 3),
    "Foundation": (2, 3),
    "TradeUnion": (2, 3),
    "Academic": (1, 2),
    "CivilSociety": (1, 2),
    "RefugeeLed": (1, 2),
    "Other": (1, 2),
}

# --- the fictional layer ----------------------------------------------------------------------------------

#: Fictional actors, as CSV: id, name, kind, country, sectors, what it is.
FICTIONAL_ACTORS_CSV = """\
northbridge-care,Northbridge Care Homes (fictional),Company,GBR,health care|elderly care,care-home operator short of nurses and care assistants
maple-ridge-ltc,Maple Ridge Long-Term Care (fictional),Company,CAN,long-term care|health care,long-term care operator with continuing-care assistant vacancies
alpenglow-hotels,Alpenglow Hotels (fictional),Company,AUT,hospitality,hotel group with year-round kitchen and housekeeping roles
kestrel-logistics,Kestrel Logistics (fictional),Company,DEU,logistics|warehousing,freight and warehousing firm short of drivers and forklift operators
harbourline-freight,Harbourline Freight (fictional),Company,NLD,logistics,port logistics company
solano-agrifoods,Solano Agrifoods (fictional),Company,ESP,agriculture|food processing,greenhouse grower and packer
fjordbyg,Fjordbyg Construction (fictional),Company,NOR,construction,building contractor recruiting carpenters and electricians
lindqvist-machining,Lindqvist Precision Machining (fictional),Company,SWE,manufacturing|engineering,machine shop recruiting CNC operators
sakura-precision,Sakura Precision Works (fictional),Company,JPN,manufacturing,components manufacturer facing an ageing workforce
tui-orchards,Tui Orchards Cooperative (fictional),Company,NZL,agriculture,fruit growers' cooperative with permanent orchard roles
brightwave-software,Brightwave Software (fictional),Company,IRL,IT|software,software firm hiring developers remotely and on site
codebridge-digital,Codebridge Digital (fictional),Company,PRT,IT services,IT services company recruiting developers and testers
eucalyptus-health,Eucalyptus Health Group (fictional),Company,AUS,health care,private hospital group
prairie-meats,Prairie Meat Processors (fictional),Company,CAN,food processing|manufacturing,meat processor in a rural town with chronic vacancies
liffey-nursing,Liffey Nursing Agency (fictional),Company,IRL,health care|staffing,nursing staffing agency
cantieri-tidewater,Cantieri Tidewater (fictional),Company,ITA,manufacturing|shipbuilding,shipyard recruiting welders and pipefitters
bluepeak-data,Bluepeak Data Centres (fictional),Company,DNK,IT|data centres,data-centre operator
greenfield-solar,Greenfield Solar Installers (fictional),Company,DEU,construction|renewable energy,solar installer short of electricians and roofers
veldt-hospitality,Veldt Hospitality Group (fictional),Company,BEL,hospitality,restaurant and catering group
atlas-recruitment,Atlas Recruitment Partners (fictional),Company,GBR,staffing|recruitment|health care,international recruiter placing nurses and carers; works with NGOs
meridian-talent,Meridian Talent Search (fictional),Company,CAN,recruitment|IT,recruiter for tech and food-processing employers
olive-grove-hotels,Olive Grove Hotels (fictional),Company,GRC,hospitality,island resort chain
polaris-engineering,Polaris Engineering (fictional),Company,FIN,engineering,engineering consultancy
keystone-builders,Keystone Builders (fictional),Company,USA,construction,regional construction firm
heartland-home-care,Heartland Home Care (fictional),Company,USA,home care|health care,home-care provider
cedar-valley-poultry,Cedar Valley Poultry (fictional),Company,USA,agriculture|food processing,poultry producer and processor
southern-cross-aged-care,Southern Cross Aged Care (fictional),Company,AUS,elderly care|health care,aged-care provider in regional towns
lusitania-ceramics,Lusitania Ceramics (fictional),Company,PRT,manufacturing,ceramics and tile manufacturer
rhein-pflege,Rhein Pflege Kliniken (fictional),Company,DEU,health care|nursing,clinic group recruiting nurses from abroad
credcheck,CredCheck Skills Assessment (fictional),Company,GBR,skills recognition|credential evaluation,credential evaluation and skills-testing service
care-employers-federation,Federation of Care Employers (fictional),EmployerOrganisation,GBR,health care|employers,national federation of care-home operators
emerald-hospitality-assoc,Emerald Hospitality Employers' Association (fictional),EmployerOrganisation,IRL,hospitality|employers,hotel and restaurant employers' association
logistik-nord,Logistik Nord Employers' Association (fictional),EmployerOrganisation,DEU,logistics|employers,regional logistics employers' association
canadian-ltc-council,Long-Term Care Employers Council of Canada (fictional),EmployerOrganisation,CAN,long-term care|employers,council of long-term care employers
lisbon-digital-chamber,Lisbon Chamber of Digital Industry (fictional),EmployerOrganisation,PRT,IT|business representation,chamber of IT and digital firms
nordic-construction-employers,Nordic Construction Employers' Alliance (fictional),EmployerOrganisation,SWE,construction|employers,alliance of construction employers' bodies
aged-care-employers-au,Aged Care Employers Network Australia (fictional),EmployerOrganisation,AUS,elderly care|employers,network of aged-care employers
andalusia-agri-employers,Andalusian Agri-Employers' Association (fictional),EmployerOrganisation,ESP,agriculture|employers,farm employers' association
japan-mfg-workforce,Manufacturing Workforce Council of Japan (fictional),EmployerOrganisation,JPN,manufacturing|employers,manufacturers' council on workforce shortages
amman-chamber-skills,Amman Chamber of Skills and Trades (fictional),EmployerOrganisation,JOR,business representation|vocational training,chamber of trades in a refugee-hosting country
flanders-tech-employers,Flanders Technology Employers (fictional),EmployerOrganisation,BEL,IT|employers,technology employers' federation
european-care-employers,European Care Employers Platform (fictional),EmployerOrganisation,,health care|employers,European platform of national care-employer federations
alpine-tourism-chamber,Alpine Tourism Chamber (fictional),EmployerOrganisation,AUT,hospitality|business representation,chamber of tourism businesses
care-workers-united,Care Workers United (fictional),TradeUnion,GBR,health care|workers' rights,union of care workers
nordic-builders-union,Nordic Builders' Union (fictional),TradeUnion,SWE,construction|workers' rights,construction workers' union
hospitality-workers-fed,Hospitality Workers' Federation (fictional),TradeUnion,IRL,hospitality|workers' rights,hospitality workers' union
transport-workers-union,Transport and Logistics Workers' Union (fictional),TradeUnion,DEU,logistics|workers' rights,transport workers' union
displaced-engineers-network,Displaced Engineers Network (fictional),RefugeeLed,JOR,engineering|refugee employment,network of refugee engineers
refugee-nurses-collective,Refugee Nurses Collective (fictional),RefugeeLed,LBN,nursing|refugee employment,collective of refugee nurses preparing for licensing exams
kakuma-tech-collective,Kakuma Tech Collective (fictional),RefugeeLed,KEN,IT|remote work|refugee employment,refugee-run coding and digital-work collective
new-horizons-professionals,New Horizons Refugee Professionals (fictional),RefugeeLed,DEU,refugee employment|mentoring,mentoring network of refugee professionals
refugee-women-in-trades,Refugee Women in Trades Association (fictional),RefugeeLed,TUR,construction|vocational training|refugee employment,association of refugee women in skilled trades
diaspora-professionals-bogota,Diaspora Professionals Network Bogota (fictional),RefugeeLed,COL,refugee employment|skills recognition,network of displaced professionals
refugee-coders-circle,Refugee Coders Circle (fictional),RefugeeLed,CAN,IT|refugee employment,peer network of refugee software developers
welcome-neighbours-lisbon,Welcome Neighbours Lisbon (fictional),CivilSociety,PRT,integration|community sponsorship,volunteer welcome group
good-shepherd-sponsors,Good Shepherd Parish Sponsorship Group (fictional),CivilSociety,CAN,community sponsorship|faith-based,parish sponsorship group
turin-host-families,Turin Host Families Association (fictional),CivilSociety,ITA,integration|housing,host-family association
canterbury-newcomers,Canterbury Newcomer Support Trust (fictional),CivilSociety,NZL,integration|language training,newcomer support trust
dublin-language-circles,Dublin Community Language Circles (fictional),CivilSociety,IRL,language training|integration,volunteer language classes
skillbridge-recognition,SkillBridge Recognition Service (fictional),NGO,DEU,skills recognition|job matching,helps refugees get qualifications recognised and matched to employers
linguastart,LinguaStart Language Programme (fictional),NGO,NLD,language training|integration,job-specific language courses
open-doors-integration,Open Doors Integration Network (fictional),NGO,BEL,integration|job matching,integration and job-matching network
amman-career-pathways,Amman Career Pathways Centre (fictional),NGO,JOR,job matching|refugee employment,career centre preparing refugees for international recruitment
beirut-skills-mapping,Beirut Skills Mapping Initiative (fictional),NGO,LBN,skills profiling|refugee protection,skills profiling of refugees in Lebanon
nairobi-digital-work-hub,Nairobi Digital Work Hub (fictional),NGO,KEN,IT|remote work|refugee employment,digital-work training hub
pathfinder-legal-aid,Pathfinder Legal Aid (fictional),NGO,GBR,legal aid|visas,visa and legal advice for displaced candidates
aegean-refugee-education,Aegean Refugee Education Trust (fictional),NGO,GRC,refugee education|language training,education and language trust
bosphorus-relief,Bosphorus Relief and Livelihoods (fictional),NGO,TUR,humanitarian|livelihoods,relief and livelihoods NGO
provincial-health-workforce,Provincial Health Workforce Office (fictional),Government,CAN,health workforce|immigration,provincial office recruiting health workers
north-portugal-employment,Northern Portugal Regional Employment Agency (fictional),Government,PRT,public employment service,regional public employment service
bavaria-skilled-immigration,Skilled Immigration Service Centre Bavaria (fictional),Government,DEU,labour migration|skills recognition,regional skilled-immigration service
swedish-labour-liaison,Swedish Labour Mobility Liaison Office (fictional),Government,SWE,labour migration,labour-mobility liaison office
harbourview-city,City of Harbourview (fictional),Government,AUS,local government|integration,regional city council
osaka-foreign-talent-desk,Osaka Prefecture Foreign Talent Desk (fictional),Government,JPN,labour migration|manufacturing,prefectural desk for foreign workers
canterbury-skills-office,Canterbury Regional Skills Shortage Office (fictional),Government,NZL,labour market|immigration,regional skills-shortage office
skills-recognition-compact,Secretariat of the Skills Recognition Compact (fictional),IGO,,skills recognition|labour mobility,intergovernmental compact on recognising foreign qualifications
med-labour-commission,Mediterranean Labour Mobility Commission (fictional),IGO,,labour mobility|migration policy,regional commission on labour mobility
labour-mobility-institute,Institute for Labour Mobility Studies (fictional),Academic,NLD,migration policy research,research institute
northern-college-nursing,Northern College of Nursing (fictional),Academic,GBR,nursing education|bridging courses,nursing college running bridging courses
levant-vocational-institute,Levant Vocational Institute (fictional),Academic,JOR,vocational training|skills,vocational training institute
kobe-migration-centre,Kobe Centre for Migration Research (fictional),Academic,JPN,migration policy research,migration research centre
halcyon-fair-work,Halcyon Foundation for Fair Work (fictional),Foundation,USA,philanthropy|refugee employment,foundation funding fair-work and pathway projects
aurelia-foundation,Aurelia Family Foundation (fictional),Foundation,CHE,philanthropy|education,family foundation
nordlys-foundation,Nordlys Foundation (fictional),Foundation,NOR,philanthropy|integration,integration foundation
southern-cross-philanthropy,Southern Cross Philanthropy (fictional),Foundation,AUS,philanthropy,philanthropic fund
talentmatch-platform,TalentMatch Global Platform (fictional),Other,,job matching|online platform,online platform matching displaced candidates with employers
harbour-city-rda,Harbour City Regional Development Agency (fictional),Other,AUS,regional economic development,regional development agency
migration-law-coop,Migration Law Clinic Cooperative (fictional),Other,CAN,legal services|immigration,cooperative of immigration lawyers
newcomer-housing-coop,Newcomer Housing Cooperative (fictional),Other,IRL,housing|relocation,housing cooperative for newcomers
"""  # noqa: E501

#: Fictional initiatives, as CSV: id, name, Programme|Forum, countries, description.
FICTIONAL_INITIATIVES_CSV = """\
care-hiring-roundtable,Care Sector Refugee Hiring Roundtable (fictional),Forum,GBR,"Employers, colleges and unions in social care comparing notes on hiring refugee nurses and carers."
nordic-construction-pathway,Nordic Construction Talent Pathway (fictional),Programme,SWE|NOR,Employer-led pathway recruiting displaced tradespeople for construction firms.
digital-talent-corridor,Jordan-Portugal Digital Talent Corridor (fictional),Programme,JOR|PRT,Training and placement of refugee IT workers from Jordan with Portuguese firms.
asia-pacific-employer-circle,Asia-Pacific Employer Circle on Refugee Hiring (fictional),Forum,JPN|AUS|NZL,Peer circle of employers and regional authorities exploring skills-based pathways.
"""  # noqa: E501

#: Illustrative ties: from, to, type (PARTNERS_WITH is stored once per pair). Employers sit two or more
#: hops from the home actor, behind employer organisations, forums, NGOs and refugee-led organisations.
FICTIONAL_TIES_TEXT = """\
northbridge-care              care-employers-federation     MEMBER_OF
atlas-recruitment             care-employers-federation     MEMBER_OF
maple-ridge-ltc               canadian-ltc-council          MEMBER_OF
alpenglow-hotels              alpine-tourism-chamber        MEMBER_OF
kestrel-logistics             logistik-nord                 MEMBER_OF
harbourline-freight           ser-dib                       MEMBER_OF
solano-agrifoods              andalusia-agri-employers      MEMBER_OF
fjordbyg                      nordic-construction-employers MEMBER_OF
sakura-precision              japan-mfg-workforce           MEMBER_OF
codebridge-digital            lisbon-digital-chamber        MEMBER_OF
eucalyptus-health             aged-care-employers-au        MEMBER_OF
southern-cross-aged-care      aged-care-employers-au        MEMBER_OF
cantieri-tidewater            unione-industriale-torino     MEMBER_OF
bluepeak-data                 danish-industry               MEMBER_OF
lusitania-ceramics            cip-portugal                  MEMBER_OF
rhein-pflege                  european-care-employers       MEMBER_OF
care-employers-federation     european-care-employers       MEMBER_OF
lisbon-digital-chamber        cip-portugal                  MEMBER_OF
nordic-construction-employers ioe                           MEMBER_OF
japan-mfg-workforce           ioe                           MEMBER_OF
alpine-tourism-chamber        icc                           MEMBER_OF
care-workers-united           ituc                          MEMBER_OF
nordic-builders-union         ituc                          MEMBER_OF
hospitality-workers-fed       ituc                          MEMBER_OF
transport-workers-union       ituc                          MEMBER_OF
provincial-health-workforce   gov-nova-scotia               PART_OF
north-portugal-employment     gov-portugal                  PART_OF
brightwave-software           kakuma-tech-collective        PARTNERS_WITH
liffey-nursing                hse                           PARTNERS_WITH
greenfield-solar              skillbridge-recognition       PARTNERS_WITH
veldt-hospitality             open-doors-integration        PARTNERS_WITH
olive-grove-hotels            aegean-refugee-education      PARTNERS_WITH
polaris-engineering           displaced-engineers-network   PARTNERS_WITH
keystone-builders             refugee-women-in-trades       PARTNERS_WITH
rhein-pflege                  new-horizons-professionals    PARTNERS_WITH
meridian-talent               refugee-coders-circle         PARTNERS_WITH
meridian-talent               prairie-meats                 PARTNERS_WITH
northbridge-care              tbb                           PARTNERS_WITH
atlas-recruitment             tbb                           PARTNERS_WITH
atlas-recruitment             pathfinder-legal-aid          PARTNERS_WITH
atlas-recruitment             credcheck                     PARTNERS_WITH
tui-orchards                  canterbury-newcomers          PARTNERS_WITH
maple-ridge-ltc               good-shepherd-sponsors        PARTNERS_WITH
maple-ridge-ltc               provincial-health-workforce   PARTNERS_WITH
codebridge-digital            welcome-neighbours-lisbon     PARTNERS_WITH
lusitania-ceramics            north-portugal-employment     PARTNERS_WITH
rhein-pflege                  bavaria-skilled-immigration   PARTNERS_WITH
eucalyptus-health             harbourview-city              PARTNERS_WITH
southern-cross-aged-care      harbour-city-rda              PARTNERS_WITH
liffey-nursing                dublin-language-circles       PARTNERS_WITH
liffey-nursing                newcomer-housing-coop         PARTNERS_WITH
northern-college-nursing      northbridge-care              PARTNERS_WITH
kestrel-logistics             harbourline-freight           PARTNERS_WITH
linguastart                   harbourline-freight           PARTNERS_WITH
emerald-hospitality-assoc     nasc                          PARTNERS_WITH
emerald-hospitality-assoc     hospitality-workers-fed       PARTNERS_WITH
canadian-ltc-council          hans                          PARTNERS_WITH
flanders-tech-employers       vdab                          PARTNERS_WITH
open-doors-integration        flanders-tech-employers       PARTNERS_WITH
andalusia-agri-employers      med-labour-commission         PARTNERS_WITH
amman-chamber-skills          levant-vocational-institute   PARTNERS_WITH
amman-career-pathways         amman-chamber-skills          PARTNERS_WITH
transport-workers-union       logistik-nord                 PARTNERS_WITH
skillbridge-recognition       logistik-nord                 PARTNERS_WITH
swedish-labour-liaison        nordic-construction-employers PARTNERS_WITH
osaka-foreign-talent-desk     japan-mfg-workforce           PARTNERS_WITH
displaced-engineers-network   tbb                           PARTNERS_WITH
refugee-nurses-collective     tbb                           PARTNERS_WITH
refugee-nurses-collective     northern-college-nursing      PARTNERS_WITH
kakuma-tech-collective        nairobi-digital-work-hub      PARTNERS_WITH
new-horizons-professionals    skillbridge-recognition       PARTNERS_WITH
refugee-women-in-trades       bosphorus-relief              PARTNERS_WITH
diaspora-professionals-bogota talentmatch-platform          PARTNERS_WITH
refugee-coders-circle         jumpstart                     PARTNERS_WITH
welcome-neighbours-lisbon     aima-portugal                 PARTNERS_WITH
good-shepherd-sponsors        refugee-hub                   PARTNERS_WITH
turin-host-families           diaconia-valdese              PARTNERS_WITH
turin-host-families           city-of-turin                 PARTNERS_WITH
canterbury-newcomers          canterbury-skills-office      PARTNERS_WITH
dublin-language-circles       nasc                          PARTNERS_WITH
skillbridge-recognition       tbb                           PARTNERS_WITH
skillbridge-recognition       bavaria-skilled-immigration   PARTNERS_WITH
linguastart                   refugee-talent-hub            PARTNERS_WITH
open-doors-integration        fedasil                       PARTNERS_WITH
amman-career-pathways         unhcr                         PARTNERS_WITH
beirut-skills-mapping         unhcr                         PARTNERS_WITH
beirut-skills-mapping         refugee-nurses-collective     PARTNERS_WITH
nairobi-digital-work-hub      natakallam                    PARTNERS_WITH
pathfinder-legal-aid          refuaid                       PARTNERS_WITH
aegean-refugee-education      gov-greece                    PARTNERS_WITH
bosphorus-relief              irc                           PARTNERS_WITH
harbourview-city              harbour-city-rda              PARTNERS_WITH
skills-recognition-compact    unesco                        PARTNERS_WITH
skills-recognition-compact    credcheck                     PARTNERS_WITH
skills-recognition-compact    skillbridge-recognition       PARTNERS_WITH
med-labour-commission         icmpd                         PARTNERS_WITH
labour-mobility-institute     oecd                          PARTNERS_WITH
labour-mobility-institute     mpi                           PARTNERS_WITH
levant-vocational-institute   giz                           PARTNERS_WITH
talentmatch-platform          tent                          PARTNERS_WITH
talentmatch-platform          atlas-recruitment             PARTNERS_WITH
talentmatch-platform          kakuma-tech-collective        PARTNERS_WITH
migration-law-coop            talentlift                    PARTNERS_WITH
migration-law-coop            meridian-talent               PARTNERS_WITH
newcomer-housing-coop         nasc                          PARTNERS_WITH
halcyon-fair-work             tbb                           FUNDS
halcyon-fair-work             refugee-coders-circle         FUNDS
halcyon-fair-work             refugee-women-in-trades       FUNDS
aurelia-foundation            displaced-engineers-network   FUNDS
aurelia-foundation            aegean-refugee-education      FUNDS
nordlys-foundation            nordic-construction-pathway   FUNDS
nordlys-foundation            linguastart                   FUNDS
southern-cross-philanthropy   tbb                           FUNDS
southern-cross-philanthropy   harbour-city-rda              FUNDS
swedish-labour-liaison        nordic-construction-pathway   FUNDS
med-labour-commission         digital-talent-corridor       FUNDS
care-employers-federation     care-hiring-roundtable        IMPLEMENTS
northbridge-care              care-hiring-roundtable        PARTICIPATES_IN
atlas-recruitment             care-hiring-roundtable        PARTICIPATES_IN
care-workers-united           care-hiring-roundtable        PARTICIPATES_IN
refugee-nurses-collective     care-hiring-roundtable        PARTICIPATES_IN
northern-college-nursing      care-hiring-roundtable        PARTICIPATES_IN
nhs-england                   care-hiring-roundtable        PARTICIPATES_IN
nordic-construction-employers nordic-construction-pathway   IMPLEMENTS
fjordbyg                      nordic-construction-pathway   PARTICIPATES_IN
lindqvist-machining           nordic-construction-pathway   PARTICIPATES_IN
nordic-builders-union         nordic-construction-pathway   PARTICIPATES_IN
lisbon-digital-chamber        digital-talent-corridor       IMPLEMENTS
amman-chamber-skills          digital-talent-corridor       IMPLEMENTS
amman-career-pathways         digital-talent-corridor       IMPLEMENTS
north-portugal-employment     digital-talent-corridor       IMPLEMENTS
codebridge-digital            digital-talent-corridor       PARTICIPATES_IN
japan-mfg-workforce           asia-pacific-employer-circle  PARTICIPATES_IN
sakura-precision              asia-pacific-employer-circle  PARTICIPATES_IN
tui-orchards                  asia-pacific-employer-circle  PARTICIPATES_IN
osaka-foreign-talent-desk     asia-pacific-employer-circle  PARTICIPATES_IN
canterbury-skills-office      asia-pacific-employer-circle  PARTICIPATES_IN
kobe-migration-centre         asia-pacific-employer-circle  PARTICIPATES_IN
aged-care-employers-au        asia-pacific-employer-circle  PARTICIPATES_IN
european-care-employers       gfmd-bm                       PARTICIPATES_IN
canadian-ltc-council          empp                          PARTICIPATES_IN
aged-care-employers-au        srlap                         PARTICIPATES_IN
amman-chamber-skills          grlm-summit                   PARTICIPATES_IN
displaced-engineers-network   grlm-summit                   PARTICIPATES_IN
kakuma-tech-collective        grf                           PARTICIPATES_IN
bosphorus-relief              grf                           PARTICIPATES_IN
diaspora-professionals-bogota msp-skills                    PARTICIPATES_IN
nairobi-digital-work-hub      msp-skills                    PARTICIPATES_IN
skillbridge-recognition       eu-talent-partnerships        PARTICIPATES_IN
logistik-nord                 eu-talent-partnerships        PARTICIPATES_IN
aegean-refugee-education      cedefop-arlm                  PARTICIPATES_IN
heartland-home-care           wcw                           PARTICIPATES_IN
cedar-valley-poultry          us-rlm-roundtable             PARTICIPATES_IN
keystone-builders             us-rlm-roundtable             PARTICIPATES_IN
"""


def _csv_block(text: str) -> list[list[str]]:
    return [row for row in csv.reader(io.StringIO(text)) if row]


FICTIONAL_ACTORS: list[list[str]] = _csv_block(FICTIONAL_ACTORS_CSV)
FICTIONAL_INITIATIVES: list[list[str]] = _csv_block(FICTIONAL_INITIATIVES_CSV)
FICTIONAL_TIES: list[list[str]] = [line.split() for line in FICTIONAL_TIES_TEXT.splitlines() if line.strip()]

#: Fictional actors with a hand-picked engagement (the rest follow ENGAGEMENT_BY_KIND).
FICTIONAL_ENGAGEMENT: dict[str, str] = {
    "skillbridge-recognition": "engaged",
    "amman-career-pathways": "partner",
    "refugee-nurses-collective": "engaged",
    "displaced-engineers-network": "engaged",
    "talentmatch-platform": "contacted",
    "atlas-recruitment": "contacted",
    "skills-recognition-compact": "engaged",
    "care-employers-federation": "identified",
}

CURRENCY_BY_COUNTRY = {"USA": "USD", "CHE": "CHF", "NOR": "NOK", "AUS": "AUD", "SWE": "SEK", "": "EUR"}


# --- reading --------------------------------------------------------------------------------------------


def _read(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise SystemExit(
            f"error: {path}: no such file — pass the ecosystem folder (actors.csv, programmes.csv, relationships.csv)"
        )
    with path.open(newline="", encoding="utf-8") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _pick(rng: random.Random, weights: Sequence[tuple[str, int]]) -> str:
    return rng.choices([w[0] for w in weights], weights=[w[1] for w in weights])[0]


def _sphere(actor_id: str, kind: str, sectors: str) -> str:
    return SPHERE_OVERRIDES.get(actor_id) or derive_sphere(kind, [s for s in sectors.split("|") if s])


# --- building -------------------------------------------------------------------------------------------


def build_actor_rows(ecosystem: Path, rng: random.Random) -> list[dict[str, str]]:
    """The actor rows: real organisations, real initiatives, then fictional actors and initiatives."""
    rows: list[dict[str, str]] = []
    for real in _read(ecosystem / "actors.csv"):
        kind = real["kind"]
        lo, hi = INFLUENCE_REAL[kind]
        influence = REAL_INFLUENCE.get(real["id"]) or rng.randint(lo, hi)
        if real["id"] == HOME:
            engagement = ""
        else:
            engagement = REAL_ENGAGEMENT.get(real["id"]) or _pick(rng, ENGAGEMENT_BY_KIND[kind])
        rows.append(
            {
                "id": real["id"],
                "name": real["name"],
                "kind": kind,
                "country": real["country"],
                "sectors": real["sectors"],
                "tags": SCORES_TAG,
                "sphere": _sphere(real["id"], kind, real["sectors"]),
                "influence": str(influence),
                "engagement": engagement,
                "url": real["url"],
                "illustrative": "false",
                "source_url": real["source_url"],
            }
        )
    for prog in _read(ecosystem / "programmes.csv"):
        rows.append(
            {
                "id": prog["id"],
                "name": prog["name"],
                "kind": prog["kind"],
                "country": prog["country"],
                "description": prog["description"],
                "illustrative": "false",
                "source_url": prog["source_url"],
            }
        )
    for actor_id, name, kind, country, sectors, what in FICTIONAL_ACTORS:
        lo, hi = INFLUENCE_FICTIONAL[kind]
        engagement = FICTIONAL_ENGAGEMENT.get(actor_id) or _pick(rng, ENGAGEMENT_BY_KIND[kind])
        rows.append(
            {
                "id": actor_id,
                "name": name,
                "kind": kind,
                "country": country,
                "sectors": sectors,
                "tags": FICTIONAL_TAG,
                "sphere": _sphere(actor_id, kind, sectors),
                "influence": str(rng.randint(lo, hi)),
                "engagement": engagement,
                "description": f"Fictional: {what}.",
                "illustrative": "true",
            }
        )
    for init_id, name, label, countries, description in FICTIONAL_INITIATIVES:
        rows.append(
            {
                "id": init_id,
                "name": name,
                "kind": label,
                "country": countries,
                "tags": FICTIONAL_TAG,
                "description": f"Fictional: {description}",
                "illustrative": "true",
            }
        )
    return rows


def build_relationship_rows(
    ecosystem: Path, rng: random.Random, actor_rows: Sequence[dict[str, str]]
) -> list[dict[str, str]]:
    """The relationship rows: every real tie as published, then the illustrative ties."""
    countries = {row["id"]: row.get("country", "") for row in actor_rows}
    rows: list[dict[str, str]] = []
    for real in _read(ecosystem / "relationships.csv"):
        rows.append(
            {
                "from": real["from"],
                "to": real["to"],
                "type": real["type"],
                "since": real["since"],
                "illustrative": "false",
                "source_url": real["source_url"],
            }
        )
    for src, dst, rel_type in FICTIONAL_TIES:
        row = {"from": src, "to": dst, "type": rel_type, "strength": str(rng.randint(1, 5)), "illustrative": "true"}
        if rng.random() < 0.5:
            row["since"] = str(rng.randint(2019, 2026))
        if rel_type == "FUNDS":
            row["amount"] = str(rng.choice([25_000, 50_000, 100_000, 150_000, 250_000, 500_000]))
            row["currency"] = CURRENCY_BY_COUNTRY.get(countries.get(src, ""), "EUR")
            row["note"] = "illustrative grant"
        rows.append(row)
    return rows


def check(actor_rows: Sequence[dict[str, str]], rel_rows: Sequence[dict[str, str]]) -> None:
    """Fail loudly on an unknown endpoint, a duplicate id or a partnership stored twice."""
    ids = [row["id"] for row in actor_rows]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise SystemExit(f"error: duplicate ids: {', '.join(dupes)}")
    known = set(ids)
    seen: set[tuple[str, ...]] = set()
    for row in rel_rows:
        for end in (row["from"], row["to"]):
            if end not in known:
                raise SystemExit(f"error: tie {row['from']} -> {row['to']}: unknown id {end!r}")
        key: tuple[str, ...]
        if row["type"] == "PARTNERS_WITH":
            key = ("PARTNERS_WITH", *sorted((row["from"], row["to"])))
        else:
            key = (row["type"], row["from"], row["to"])
        if key in seen:
            raise SystemExit(f"error: tie stored twice: {key}")
        seen.add(key)


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(c, "") for c in columns])


def build(ecosystem: Path, out: Path, seed: int = DEFAULT_SEED) -> tuple[int, int]:
    """Write ``actors.csv`` and ``relationships.csv`` into ``out``; return (actor rows, relationship rows)."""
    rng = random.Random(seed)
    actor_rows = build_actor_rows(ecosystem, rng)
    rel_rows = build_relationship_rows(ecosystem, rng, actor_rows)
    check(actor_rows, rel_rows)
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "actors.csv", ACTOR_COLUMNS, actor_rows)
    write_csv(out / "relationships.csv", REL_COLUMNS, rel_rows)
    return len(actor_rows), len(rel_rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Rebuild the shipped sample network from the ecosystem data.")
    parser.add_argument("ecosystem", type=Path, help="folder with actors.csv, programmes.csv, relationships.csv")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent, help="output folder")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the illustrative scores")
    args = parser.parse_args(argv)
    actors, ties = build(args.ecosystem, args.out, args.seed)
    print(f"wrote {args.out / 'actors.csv'} ({actors} rows) and {args.out / 'relationships.csv'} ({ties} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
