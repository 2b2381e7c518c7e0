"""Hand-written original articles (invented events, own words) used as generator input in tests."""
from __future__ import annotations

from detector.page import Page


def _page(i: int, lang: str, url: str, domain: str, site: str, title: str, byline: str, published: str, paragraphs: list[str]) -> Page:
    return Page(id=f"fixture-{i}", url=url, domain=domain, site_name=site, title=title, byline=byline,
                published=published, lang=lang, paragraphs=paragraphs, format="html")


PAGES = [
    _page(1, "en", "https://www.northriverpost.com/2019/03/12/bridge-repairs-delayed/", "northriverpost.com", "North River Post",
          "City delays bridge repairs after contractor dispute", "Alice Moreno", "2019-03-12T08:30:00",
          ["The city council said on Tuesday that repairs to the Elm Street bridge would be delayed until the summer because of a dispute with the main contractor.",
           "Officials told the North River Post that the company had asked for more money after finding more corrosion than expected in the steel supports.",
           "\"We are not going to sign a blank cheque,\" said council member Dana Whitfield, who chairs the transport committee.",
           "The bridge carries about 14,000 vehicles a day. Engineers say it remains safe for cars but heavy trucks have been banned since January.",
           "A new tender could be issued next month, the council said in a statement."]),
    _page(2, "de", "https://www.talbote-online.de/lokales/schwimmbad-oeffnet-wieder-1234", "talbote-online.de", "Talbote Online",
          "Hallenbad öffnet nach Sanierung wieder", "Jonas Keller", "2020-09-01T10:00:00",
          ["Nach zwei Jahren Bauzeit öffnet das Hallenbad am Stadtpark am kommenden Montag wieder, wie die Stadtverwaltung mitteilte.",
           "Die Sanierung kostete nach Angaben der Stadt rund 8,5 Millionen Euro und damit deutlich mehr als geplant.",
           "Bürgermeisterin Petra Lang sagte, die Stadt habe viele Menschen enttäuschen müssen, weil der Termin mehrfach verschoben wurde.",
           "Für Schulen und Vereine gelten neue Belegungszeiten. Der Eintritt für Kinder bleibt auch im neuen Jahr gleich."]),
    _page(3, "es", "https://www.eldiariodelpuerto.es/sociedad/nueva-biblioteca-2021", "eldiariodelpuerto.es", "El Diario del Puerto",
          "El ayuntamiento inaugura una nueva biblioteca en el barrio norte", "Lucía Fernández", "2021-05-20T12:00:00",
          ["El ayuntamiento inauguró este jueves una nueva biblioteca pública en el barrio norte, un proyecto que los vecinos reclamaban desde hace una década.",
           "Según el concejal de Cultura, el edificio tiene capacidad para 200 personas y contará con una sala infantil.",
           "La obra costó 2,3 millones de euros, financiados en parte con fondos europeos, dijo el alcalde durante el acto.",
           "La biblioteca abrirá también los sábados por la mañana a partir del próximo mes."]),
    _page(4, "zh", "https://news.binhaiwang.cn/2018/0611/5521.html", "binhaiwang.cn", "滨海网",
          "滨海新区新建三所公办幼儿园", "王丽", "2018-06-11T09:00:00",
          ["记者从滨海新区教育局获悉，今年秋季新区将新增三所公办幼儿园，预计可提供学位九百个。",
           "教育局相关负责人表示，新建幼儿园均按照省级示范标准建设，目前已经进入设备采购阶段。",
           "据介绍，新区近年来常住人口增长较快，学前教育资源紧张的问题一直受到家长关注。",
           "该负责人还表示，明年将继续推进两所幼儿园的改扩建工程。"]),
    _page(5, "id", "https://www.kabarpesisir.co.id/berita/pasar-ikan-baru-2022", "kabarpesisir.co.id", "Kabar Pesisir",
          "Pemerintah kota resmikan pasar ikan baru di pelabuhan", "Dewi Lestari", "2022-02-14T07:45:00",
          ["Pemerintah kota meresmikan pasar ikan baru di kawasan pelabuhan pada Senin pagi, yang diharapkan membantu nelayan menjual hasil tangkapan.",
           "Wali kota mengatakan pasar tersebut memiliki 120 lapak dan fasilitas pendingin yang bisa menampung lima ton ikan.",
           "Menurut dinas perikanan, banyak nelayan sebelumnya harus menjual ikan kepada tengkulak dengan harga rendah.",
           "Pasar akan buka setiap hari mulai pukul empat pagi."]),
    _page(6, "fr", "https://www.lecourrierdulittoral.fr/societe/piste-cyclable-2023", "lecourrierdulittoral.fr", "Le Courrier du Littoral",
          "Une nouvelle piste cyclable relie la gare au centre-ville", "Camille Durand", "2023-04-03T18:10:00",
          ["La nouvelle piste cyclable entre la gare et le centre-ville a été ouverte samedi, après huit mois de travaux.",
           "Selon la mairie, le projet a coûté 1,2 million d'euros, dont une partie financée par la région.",
           "Les commerçants de la rue principale craignaient une baisse de fréquentation, mais plusieurs se disent aujourd'hui rassurés.",
           "Une deuxième phase doit prolonger la piste jusqu'au port l'année prochaine."]),
    _page(7, "en", "https://www.valleyherald.net/news/2019/07/02/storm-power-cuts", "valleyherald.net", "Valley Herald",
          "Storm leaves thousands without power across the valley", "Ben Okafor", "2019-07-02T06:00:00",
          ["HILLSDALE (AP) — A fast-moving storm knocked out power to more than 20,000 homes across the valley overnight, the utility said on Tuesday.",
           "Crews were working to restore electricity, but some rural customers could wait until the weekend, a company spokesperson told reporters.",
           "No serious injuries were reported. Several roads remained closed because of fallen trees.",
           "Forecasters expect more thunderstorms later in the week."]),
]


def many_pages(copies: int = 4) -> list[Page]:
    """``PAGES`` several times over, each copy on its own site, for share and coverage tests."""
    out = []
    for k in range(copies):
        for page in PAGES:
            label, _, rest = page.domain.partition(".")
            domain = f"{label}{k}.{rest}" if k else page.domain
            out.append(Page(id=f"{page.id}-{k}", url=page.url.replace(page.domain, domain), domain=domain,
                            site_name=page.site_name, title=page.title, byline=page.byline, published=page.published,
                            lang=page.lang, paragraphs=list(page.paragraphs), format="html"))
    return out
