"""Per-language word lists and phrases the farm simulator draws from.

All text here is written for this project. Languages: en, de, es, fr, id, zh; any other
language falls back to English (``pick_lang``), which is what real farms do as well:
their templates are rarely localised beyond a handful of markets.
"""
from __future__ import annotations

LANGS = ("en", "de", "es", "fr", "id", "zh")


def pick_lang(lang: str) -> str:
    """The 2-letter code this module has resources for ("de-DE" -> "de", "pl" -> "en")."""
    short = (lang or "").lower().split("-")[0].split("_")[0]
    return short if short in LANGS else "en"


# ---------------------------------------------------------------- spinning thesaurus
# Word -> replacements. Deliberately clumsy, like the spinners described in
# plagiarism write-ups ("friend" -> "companion", "picture" -> "image").
THESAURUS = {
    "en": {
        "said": ["stated", "mentioned", "expressed"], "says": ["states", "mentions"],
        "big": ["massive", "huge"], "large": ["sizable", "substantial"], "small": ["little", "tiny"],
        "important": ["crucial", "vital", "significant"], "people": ["individuals", "folks", "persons"],
        "company": ["firm", "enterprise", "business"], "government": ["administration", "authorities"],
        "new": ["brand-new", "novel", "recent"], "show": ["display", "exhibit"], "shows": ["displays", "exhibits"],
        "help": ["assist", "aid"], "use": ["utilize", "employ"], "used": ["utilized", "employed"],
        "start": ["commence", "begin"], "started": ["commenced", "began"], "buy": ["purchase", "acquire"],
        "problem": ["issue", "difficulty"], "problems": ["issues", "difficulties"], "child": ["kid", "youngster"],
        "children": ["kids", "youngsters"], "house": ["residence", "dwelling"], "car": ["vehicle", "automobile"],
        "city": ["metropolis", "town"], "country": ["nation", "land"], "week": ["7 days"], "year": ["12 months"],
        "years": ["12 months", "annually"], "told": ["informed", "advised"], "asked": ["requested", "inquired"],
        "many": ["numerous", "plenty of"], "also": ["additionally", "furthermore"], "but": ["however", "nonetheless"],
        "about": ["concerning", "regarding"], "because": ["as a result of", "since"], "get": ["obtain", "acquire"],
        "make": ["create", "produce"], "made": ["created", "produced"], "expected": ["anticipated"],
        "percent": ["p.c.", "per cent"], "statement": ["assertion", "declaration"], "official": ["authorized", "formal"],
        "officials": ["authorities", "representatives"], "meeting": ["assembly", "gathering"], "report": ["file", "account"],
        "money": ["cash", "funds"], "job": ["occupation", "employment"], "work": ["labor", "operate"],
        "fast": ["speedy", "rapid"], "quickly": ["swiftly", "rapidly"], "leader": ["chief", "head"],
        "information": ["data", "intel"], "support": ["assist", "back"], "world": ["globe", "planet"],
    },
    "de": {
        "sagte": ["äußerte", "meinte", "erklärte"], "groß": ["riesig", "gewaltig"], "große": ["riesige", "gewaltige"],
        "klein": ["winzig", "gering"], "wichtig": ["bedeutsam", "wesentlich"], "Menschen": ["Personen", "Leute"],
        "Unternehmen": ["Firma", "Betrieb"], "Regierung": ["Führung", "Obrigkeit"], "neue": ["frische", "brandneue"],
        "neuen": ["frischen", "brandneuen"], "zeigen": ["präsentieren", "vorführen"], "helfen": ["unterstützen", "beistehen"],
        "Problem": ["Schwierigkeit", "Angelegenheit"], "Kinder": ["Sprösslinge", "Nachwuchs"], "Haus": ["Gebäude", "Behausung"],
        "Stadt": ["Kommune", "Ortschaft"], "Land": ["Nation", "Staat"], "Jahr": ["Kalenderjahr"], "Woche": ["sieben Tage"],
        "auch": ["ebenfalls", "gleichfalls"], "aber": ["jedoch", "allerdings"], "viele": ["zahlreiche", "etliche"],
        "schnell": ["zügig", "rasch"], "Geld": ["Finanzmittel", "Zaster"], "Arbeit": ["Tätigkeit", "Beschäftigung"],
        "Welt": ["Erdball", "Globus"], "jetzt": ["momentan", "derzeit"], "wurde": ["ward", "geriet"],
        "erklärte": ["verdeutlichte", "darlegte"], "Bericht": ["Meldung", "Rapport"], "Angaben": ["Informationen", "Daten"],
    },
    "es": {
        "dijo": ["expresó", "manifestó", "comentó"], "grande": ["enorme", "inmenso"], "pequeño": ["diminuto", "chico"],
        "importante": ["crucial", "relevante"], "personas": ["individuos", "sujetos"], "empresa": ["firma", "compañía"],
        "gobierno": ["administración", "ejecutivo"], "nuevo": ["novedoso", "reciente"], "nueva": ["novedosa", "reciente"],
        "ayudar": ["asistir", "auxiliar"], "problema": ["inconveniente", "asunto"], "niños": ["chicos", "menores"],
        "casa": ["vivienda", "hogar"], "ciudad": ["urbe", "localidad"], "país": ["nación", "territorio"],
        "también": ["asimismo", "igualmente"], "pero": ["no obstante", "sin embargo"], "muchos": ["numerosos", "bastantes"],
        "rápido": ["veloz", "ágil"], "dinero": ["plata", "fondos"], "trabajo": ["labor", "empleo"], "mundo": ["planeta", "orbe"],
        "año": ["ejercicio"], "semana": ["siete días"], "según": ["de acuerdo con", "conforme a"],
    },
    "fr": {
        "a déclaré": ["a affirmé", "a indiqué"], "grand": ["immense", "énorme"], "petit": ["minuscule", "menu"],
        "important": ["crucial", "capital"], "personnes": ["individus", "gens"], "entreprise": ["firme", "société"],
        "gouvernement": ["exécutif", "administration"], "nouveau": ["inédit", "récent"], "nouvelle": ["inédite", "récente"],
        "aider": ["assister", "épauler"], "problème": ["souci", "difficulté"], "enfants": ["gamins", "petits"],
        "maison": ["demeure", "habitation"], "ville": ["cité", "localité"], "pays": ["nation", "contrée"],
        "aussi": ["également", "pareillement"], "mais": ["cependant", "toutefois"], "beaucoup": ["énormément", "pas mal"],
        "rapide": ["véloce", "prompt"], "argent": ["fonds", "oseille"], "travail": ["labeur", "emploi"], "monde": ["globe", "planète"],
        "selon": ["d'après", "suivant"], "semaine": ["sept jours"],
    },
    "id": {
        "mengatakan": ["menyampaikan", "mengungkapkan", "menuturkan"], "besar": ["raksasa", "akbar"], "kecil": ["mungil", "kerdil"],
        "penting": ["krusial", "esensial"], "orang": ["individu", "insan"], "perusahaan": ["korporasi", "badan usaha"],
        "pemerintah": ["pihak berwenang", "otoritas"], "baru": ["anyar", "terkini"], "membantu": ["menolong", "mendukung"],
        "masalah": ["persoalan", "kendala"], "anak": ["bocah", "buah hati"], "rumah": ["hunian", "kediaman"], "kota": ["wilayah", "daerah"],
        "negara": ["bangsa", "negeri"], "juga": ["pula", "turut"], "tetapi": ["namun", "akan tetapi"], "banyak": ["sejumlah", "berbagai"],
        "cepat": ["kilat", "gesit"], "uang": ["dana", "duit"], "kerja": ["pekerjaan", "karya"], "dunia": ["jagat", "buana"],
        "tahun": ["warsa"], "minggu": ["pekan"], "menurut": ["berdasarkan", "merujuk"],
    },
    "zh": {
        "表示": ["指出", "称", "透露"], "重要": ["关键", "要紧"], "人们": ["大伙", "民众"], "公司": ["企业", "厂商"],
        "政府": ["官方", "当局"], "问题": ["难题", "状况"], "孩子": ["娃", "小朋友"], "城市": ["都市", "城区"],
        "国家": ["国度", "国内"], "但是": ["然而", "不过"], "很多": ["众多", "大量"], "发展": ["进步", "推进"],
        "目前": ["眼下", "当前"], "记者": ["笔者", "小编"], "已经": ["早已", "业已"], "进行": ["开展", "展开"],
    },
}

# ---------------------------------------------------------------- crude word-for-word translation
# A machine-translation pipeline run cheaply (or twice over) leaves calques, mixed
# languages and untranslated fragments. Word-by-word replacement with tiny
# dictionaries produces exactly that kind of half-translated text.
MT_DICT = {
    ("en", "es"): {"the": "el", "a": "un", "and": "y", "of": "de", "to": "a", "in": "en", "is": "es", "was": "fue",
                   "for": "para", "on": "sobre", "with": "con", "said": "dijo", "that": "que", "he": "él", "she": "ella",
                   "they": "ellos", "it": "eso", "not": "no", "has": "ha", "have": "tener", "will": "voluntad", "new": "nuevo",
                   "people": "gente", "year": "año", "government": "gobierno", "president": "presidente", "but": "pero",
                   "from": "desde", "by": "por", "after": "después", "their": "su", "this": "este", "would": "haría",
                   "last": "último", "week": "semana", "first": "primero", "state": "estado", "city": "ciudad", "also": "también"},
    ("en", "de"): {"the": "die", "a": "ein", "and": "und", "of": "von", "to": "zu", "in": "in", "is": "ist", "was": "war",
                   "for": "für", "on": "auf", "with": "mit", "said": "sagte", "that": "dass", "he": "er", "she": "sie",
                   "they": "sie", "it": "es", "not": "nicht", "has": "hat", "have": "haben", "will": "Wille", "new": "neu",
                   "people": "Menschen", "year": "Jahr", "government": "Regierung", "president": "Präsident", "but": "aber",
                   "from": "von", "by": "durch", "after": "nach", "their": "ihre", "this": "diese", "would": "würde",
                   "last": "letzte", "week": "Woche", "first": "erste", "state": "Zustand", "city": "Stadt", "also": "auch"},
    ("en", "fr"): {"the": "le", "a": "un", "and": "et", "of": "de", "to": "à", "in": "dans", "is": "est", "was": "était",
                   "for": "pour", "on": "sur", "with": "avec", "said": "dit", "that": "que", "he": "il", "she": "elle",
                   "they": "ils", "it": "il", "not": "ne pas", "has": "a", "have": "avoir", "will": "volonté", "new": "nouveau",
                   "people": "gens", "year": "année", "government": "gouvernement", "president": "président", "but": "mais",
                   "from": "de", "by": "par", "after": "après", "their": "leur", "this": "ce", "would": "serait",
                   "last": "dernier", "week": "semaine", "first": "premier", "state": "état", "city": "ville", "also": "aussi"},
    ("en", "id"): {"the": "itu", "a": "sebuah", "and": "dan", "of": "dari", "to": "untuk", "in": "di", "is": "adalah",
                   "was": "adalah", "for": "untuk", "on": "pada", "with": "dengan", "said": "kata", "that": "bahwa",
                   "he": "dia", "she": "dia", "they": "mereka", "it": "itu", "not": "tidak", "has": "memiliki",
                   "have": "memiliki", "will": "akan", "new": "baru", "people": "orang-orang", "year": "tahun",
                   "government": "pemerintah", "president": "presiden", "but": "tetapi", "from": "dari", "by": "oleh",
                   "after": "setelah", "their": "mereka", "this": "ini", "would": "akan", "last": "terakhir",
                   "week": "minggu", "first": "pertama", "state": "negara", "city": "kota", "also": "juga"},
    ("de", "en"): {"der": "the", "die": "the", "das": "the", "und": "and", "ist": "is", "war": "was", "nicht": "not",
                   "mit": "with", "für": "for", "auf": "on", "von": "of", "zu": "to", "im": "in the", "in": "in", "ein": "a",
                   "eine": "a", "sich": "itself", "dass": "that", "sagte": "said", "auch": "also", "aber": "but", "wird": "becomes",
                   "werden": "become", "hat": "has", "haben": "have", "es": "it", "sie": "she", "er": "he", "wir": "we",
                   "noch": "still", "schon": "already", "nach": "after", "bei": "at", "Jahr": "year", "Jahren": "years",
                   "Menschen": "humans", "Stadt": "city", "Regierung": "government", "neue": "new", "mehr": "more", "wie": "like"},
    ("es", "en"): {"el": "the", "la": "the", "los": "the", "las": "the", "y": "and", "de": "of", "del": "of the", "en": "in",
                   "que": "that", "es": "is", "fue": "was", "para": "for", "con": "with", "por": "by", "un": "a", "una": "a",
                   "no": "not", "se": "itself", "su": "his", "dijo": "said", "también": "also", "pero": "but", "año": "year",
                   "gobierno": "government", "ciudad": "city", "nuevo": "new", "más": "more", "como": "like", "sobre": "on"},
    ("fr", "en"): {"le": "the", "la": "the", "les": "the", "et": "and", "de": "of", "des": "of the", "du": "of the",
                   "en": "in", "dans": "in", "que": "that", "est": "is", "était": "was", "pour": "for", "avec": "with",
                   "par": "by", "un": "a", "une": "a", "ne": "not", "pas": "step", "se": "itself", "il": "he", "elle": "she",
                   "a": "has", "aussi": "also", "mais": "but", "année": "year", "ville": "city", "plus": "more", "sur": "on"},
}
# Which target language a crude translation of a page in language X goes to.
MT_TARGETS = {"en": ("es", "de", "fr", "id"), "de": ("en",), "es": ("en",), "fr": ("en",)}

MT_NOTICE = {
    "en": ["This article was translated automatically.", "Machine translated from the original. Some wording may be inaccurate."],
    "es": ["Este artículo ha sido traducido automáticamente.", "Traducción automática. Puede contener errores."],
    "de": ["Dieser Artikel wurde maschinell übersetzt.", "Automatisch übersetzt – Fehler vorbehalten."],
    "fr": ["Cet article a été traduit automatiquement.", "Traduction automatique : le texte peut contenir des erreurs."],
    "id": ["Artikel ini diterjemahkan secara otomatis.", "Diterjemahkan oleh mesin, mohon maaf jika ada kesalahan."],
}
MT_WIDGET = ["Select Language ▼", "Powered by Translate", "Original text", "Rate this translation",
             "Your feedback will be used to help improve translation"]

# ---------------------------------------------------------------- AI rewrite leftovers
AI_PREAMBLE = {
    "en": ["Certainly! Here is the rewritten article:", "Sure, here's a rewritten version of the news article:",
           "Here is a unique, SEO-optimized version of the article:"],
    "de": ["Gerne! Hier ist der umgeschriebene Artikel:", "Natürlich, hier ist eine neu formulierte Fassung des Textes:"],
    "es": ["¡Claro! Aquí tienes el artículo reescrito:", "Por supuesto, aquí está una versión reformulada de la noticia:"],
    "fr": ["Bien sûr ! Voici l'article réécrit :", "Voici une version reformulée de l'article :"],
    "id": ["Tentu! Berikut artikel yang telah ditulis ulang:", "Baik, berikut versi unik dari artikel tersebut:"],
    "zh": ["好的，以下是改写后的文章：", "当然可以，下面是经过重新撰写的新闻稿："],
}
AI_DISCLAIMER = {
    "en": ["As an AI language model, I cannot verify events after my knowledge cutoff date.",
           "I'm sorry, but I cannot browse the internet to confirm the latest details of this story.",
           "Note: As an AI, I do not have personal opinions on this matter."],
    "de": ["Als KI-Sprachmodell kann ich keine Ereignisse nach meinem Wissensstand überprüfen."],
    "es": ["Como modelo de lenguaje de IA, no puedo verificar hechos posteriores a mi fecha de corte."],
    "fr": ["En tant que modèle de langage IA, je ne peux pas vérifier les événements récents."],
    "id": ["Sebagai model bahasa AI, saya tidak dapat memverifikasi peristiwa terbaru."],
    "zh": ["作为一个AI语言模型，我无法核实知识截止日期之后发生的事件。"],
}
AI_CLOSER = {
    "en": ["In conclusion, this development highlights the importance of staying informed in today's rapidly evolving landscape.",
           "Overall, only time will tell how this situation will unfold. Stay tuned for more updates!"],
    "de": ["Zusammenfassend lässt sich sagen, dass diese Entwicklung zeigt, wie wichtig es ist, informiert zu bleiben."],
    "es": ["En conclusión, este acontecimiento pone de relieve la importancia de mantenerse informado."],
    "fr": ["En conclusion, cette évolution souligne l'importance de rester informé dans un monde en constante mutation."],
    "id": ["Kesimpulannya, perkembangan ini menunjukkan pentingnya untuk selalu mendapatkan informasi terbaru."],
    "zh": ["总而言之，这一事件再次提醒我们及时关注最新动态的重要性。"],
}
AI_TITLE_LABEL = {"en": "Title:", "de": "Titel:", "es": "Título:", "fr": "Titre :", "id": "Judul:", "zh": "标题："}

# ---------------------------------------------------------------- scraping residue
PROMO_LINES = {  # the original outlet's own cross-promotion, copied along
    "en": ["MORE: {t}", "READ MORE: {t}", "RELATED: {t}", "WATCH: {t}", "Sign up for our daily newsletter",
           "Download our app for breaking news alerts", "Click here to subscribe"],
    "de": ["Lesen Sie auch: {t}", "Mehr zum Thema: {t}", "Jetzt den Newsletter abonnieren", "Hier geht es zum Liveblog"],
    "es": ["Lea también: {t}", "Más información: {t}", "Suscríbase a nuestro boletín", "Síguenos en nuestro canal"],
    "fr": ["Lire aussi : {t}", "À lire aussi : {t}", "Abonnez-vous à notre newsletter", "Suivez-nous sur nos réseaux"],
    "id": ["Baca Juga: {t}", "Simak juga: {t}", "Ikuti kami di Google News", "Klik di sini untuk berlangganan"],
    "zh": ["相关阅读：{t}", "推荐阅读：{t}", "关注我们的公众号获取更多资讯", "点击下载客户端"],
}
SHARE_LINES = {
    "en": ["Share on Facebook Share on Twitter Share on WhatsApp", "Facebook Twitter LinkedIn Email Print",
           "Share this: Facebook X Reddit", "Tweet Share Pin it Copy link", "Home News World Business Sport Contact",
           "Skip to content Menu Search"],
    "de": ["Teilen Drucken Feedback", "Auf Facebook teilen Auf X teilen Per E-Mail senden", "Startseite Politik Wirtschaft Sport Kontakt",
           "Zum Inhalt springen Menü Suche"],
    "es": ["Compartir en Facebook Twitter WhatsApp", "Compartir Imprimir Enviar por correo", "Inicio Nacional Internacional Deportes Contacto"],
    "fr": ["Partager sur Facebook Partager sur X Envoyer par e-mail", "Accueil Actualités Monde Sport Contact", "Aller au contenu Menu Rechercher"],
    "id": ["Bagikan: WhatsApp Facebook Twitter Salin Link", "Beranda Nasional Internasional Olahraga Kontak", "Lewati ke konten Menu Cari"],
    "zh": ["分享到：微信 微博 QQ空间", "首页 新闻 财经 体育 娱乐 联系我们", "扫一扫 分享到朋友圈"],
}
IMAGE_CREDITS = {
    "en": ["(Photo: {o} / Getty Images)", "Image: {o}", "Photo credit: {o} via AP", "{o}/Reuters", "Picture: {o}"],
    "de": ["Foto: {o}/dpa", "Bild: {o}", "Foto: picture alliance / {o}"],
    "es": ["Imagen: {o} / EFE", "Foto: {o}", "Fotografía: {o} / Europa Press"],
    "fr": ["Crédit photo : {o} / AFP", "Photo : {o}", "© {o}"],
    "id": ["Foto: Dok. {o}", "Foto: {o}/ANTARA", "Sumber foto: {o}"],
    "zh": ["图片来源：{o}", "（图片来自{o}）", "图/{o}"],
}
CAPTION_PREFIX = {"en": "FILE PHOTO: ", "de": "ARCHIVBILD: ", "es": "FOTO DE ARCHIVO: ", "fr": "PHOTO D'ARCHIVE : ",
                  "id": "FOTO ARSIP: ", "zh": "资料图："}

# ---------------------------------------------------------------- widgets, ads, bait
WIDGET_HEADINGS = {
    "en": ["Recommend", "Trending Now", "You May Also Like", "Popular Posts", "Don't Miss", "Hot News"],
    "de": ["Empfohlen", "Meistgelesen", "Das könnte Sie auch interessieren", "Beliebte Beiträge"],
    "es": ["Recomendado", "Lo más leído", "También te puede interesar", "Tendencias"],
    "fr": ["Recommandé", "Les plus lus", "Vous aimerez aussi", "Tendances"],
    "id": ["Rekomendasi", "Terpopuler", "Berita Terkait", "Trending"],
    "zh": ["热门推荐", "猜你喜欢", "相关阅读", "热点资讯"],
}
FILLER_HEADLINES = {  # unrelated items a widget pads itself with
    "en": ["Doctors Are Stunned By This Simple Morning Habit", "The 10 Cheapest Places To Retire In 2025",
           "Local Man Wins Lottery Twice In One Week", "Why Everyone Is Switching To This New Phone Plan",
           "Celebrity Chef Reveals Secret Ingredient For Perfect Rice", "Stock Market Today: What Investors Need To Know"],
    "de": ["Ärzte verblüfft: Diese Gewohnheit am Morgen hilft wirklich", "Die günstigsten Urlaubsziele des Sommers",
           "Rentner entdeckt Trick beim Stromsparen", "So viel verdienen Lehrer wirklich"],
    "es": ["Los médicos se sorprenden con este sencillo hábito", "Las playas más baratas para este verano",
           "Un vecino gana la lotería dos veces en un mes", "Así puedes ahorrar en la factura de la luz"],
    "fr": ["Les médecins surpris par cette habitude matinale", "Les destinations les moins chères de l'été",
           "Un retraité gagne deux fois au loto", "Comment réduire sa facture d'électricité"],
    "id": ["Dokter Kaget dengan Kebiasaan Pagi Sederhana Ini", "Harga Emas Hari Ini Naik Tajam",
           "Viral! Warga Temukan Benda Aneh di Sawah", "Cara Mudah Cek Bansos Terbaru"],
    "zh": ["震惊！每天早上喝这个竟然有这么多好处", "2025年最值得去的十个旅游城市", "这三种食物千万不能一起吃", "月薪三千如何存下第一桶金"],
}
AD_LABELS = {"en": ["Advertisement", "ADVERTISEMENT - CONTINUE READING BELOW", "Sponsored", "Ad"],
             "de": ["Anzeige", "Werbung", "ANZEIGE"], "es": ["Publicidad", "PUBLICIDAD", "Patrocinado"],
             "fr": ["Publicité", "PUBLICITÉ", "Sponsorisé"], "id": ["Iklan", "ADVERTISEMENT", "Scroll untuk melanjutkan"],
             "zh": ["广告", "赞助内容", "推广"]}
SPONSORED_HEADINGS = {"en": ["Sponsored Links", "Promoted Stories", "From Our Partners"],
                      "de": ["Gesponserte Links", "Partnerangebote"], "es": ["Enlaces patrocinados", "Contenido patrocinado"],
                      "fr": ["Liens sponsorisés", "Contenus partenaires"], "id": ["Tautan Bersponsor", "Konten Promosi"],
                      "zh": ["赞助链接", "商业推广"]}
SEARCH_BAIT = {
    "en": ["best car insurance quotes", "cheap flights", "online degree programs", "mortgage rates today",
           "free credit score", "lawyer near me", "crypto price prediction", "weight loss tips"],
    "de": ["günstige Kredite", "Kfz-Versicherung Vergleich", "Strompreise aktuell", "Rechtsanwalt in der Nähe", "Abnehmen Tipps"],
    "es": ["préstamos rápidos", "seguro de coche barato", "vuelos baratos", "abogado cerca de mí", "precio del dólar hoy"],
    "fr": ["crédit immobilier taux", "assurance auto pas chère", "vol pas cher", "avocat près de chez moi"],
    "id": ["pinjaman online cepat cair", "harga emas hari ini", "link video viral", "cara daftar bansos", "slot gacor"],
    "zh": ["最新贷款利率", "股票行情", "减肥方法", "网赚项目", "二手房价格"],
}
SEARCH_BAIT_LABEL = {"en": "Related searches:", "de": "Verwandte Suchanfragen:", "es": "Búsquedas relacionadas:",
                     "fr": "Recherches associées :", "id": "Pencarian terkait:", "zh": "相关搜索："}
TAGS_LABEL = {"en": "Tags:", "de": "Schlagwörter:", "es": "Etiquetas:", "fr": "Mots-clés :", "id": "Tag:", "zh": "标签："}

# ---------------------------------------------------------------- autoblog and truncation footers
AUTOBLOG_FOOTERS = {
    "en": ["The post {title} appeared first on {origin}.", "Read more at {origin}", "Source: {origin} - Read the full story",
           "Continue reading this article at {origin}"],
    "de": ["Der Beitrag {title} erschien zuerst auf {origin}.", "Weiterlesen bei {origin}"],
    "es": ["La entrada {title} se publicó primero en {origin}.", "Leer más en {origin}"],
    "fr": ["L'article {title} est apparu en premier sur {origin}.", "Lire la suite sur {origin}"],
    "id": ["Artikel {title} pertama kali tampil di {origin}.", "Baca selengkapnya di {origin}"],
    "zh": ["本文首发于{origin}：{title}", "阅读原文请访问{origin}"],
}
CONTINUE = {"en": ["Continue reading", "Read the full article", "Continue reading →", "(more…)"],
            "de": ["Weiterlesen", "Mehr lesen", "… weiterlesen"], "es": ["Seguir leyendo", "Leer más", "Continuar leyendo"],
            "fr": ["Lire la suite", "Lire plus", "La suite →"], "id": ["Baca selengkapnya", "Lanjutkan membaca", "Selengkapnya »"],
            "zh": ["阅读全文", "查看全文", "点击阅读更多"]}

# ---------------------------------------------------------------- bait titles
BAIT_PREFIX = {"en": ["BREAKING:", "WATCH:", "[VIDEO]", "SHOCKING:", "JUST IN:", "VIRAL:"],
               "de": ["EILMELDUNG:", "Unglaublich:", "Schock:", "[VIDEO]"], "es": ["ÚLTIMA HORA:", "¡Impactante!", "[VIDEO]", "URGENTE:"],
               "fr": ["URGENT :", "Incroyable :", "[VIDÉO]", "CHOC :"], "id": ["Viral!", "Terungkap!", "Heboh!", "[VIDEO]"],
               "zh": ["震惊！", "突发！", "刚刚！", "重磅！"]}
BAIT_SUFFIX = {"en": ["- You Won't Believe What Happened Next", "(Full Details)", "| Latest Update", "- Here's Why"],
               "de": ["– alle Details", "– das steckt dahinter", "| Aktuell"], "es": ["– todos los detalles", "| Última hora", "¡No lo vas a creer!"],
               "fr": ["– tous les détails", "| Dernière minute", "– voici pourquoi"], "id": ["Lengkap!", "- Simak Faktanya", "Terbaru Hari Ini"],
               "zh": ["（附全文）", "真相来了", "最新消息"]}

# ---------------------------------------------------------------- credited syndication
SYNDICATION_CREDIT = {
    "en": ["This article originally appeared in {outlet} and is republished with permission.",
           "This story was first published by {outlet}. It is republished here as part of a content-sharing agreement.",
           "This article is republished from {outlet} under a Creative Commons license. Read the original article.",
           "Copyright {year} {outlet}. All rights reserved. Distributed by our news partners."],
    "de": ["Dieser Artikel erschien zuerst bei {outlet}. Wiederveröffentlichung mit freundlicher Genehmigung.",
           "Dieser Text wurde zuerst von {outlet} veröffentlicht und erscheint hier im Rahmen einer Kooperation.",
           "© {outlet} {year}. Alle Rechte vorbehalten."],
    "es": ["Este artículo fue publicado originalmente en {outlet} y se reproduce con autorización.",
           "Este texto se publicó primero en {outlet}. Reproducido gracias a un acuerdo de colaboración.",
           "© {year} {outlet}. Todos los derechos reservados."],
    "fr": ["Cet article a été initialement publié par {outlet} et est reproduit avec son autorisation.",
           "Ce texte est republié à partir de {outlet} sous licence Creative Commons. Lire l'article original.",
           "© {year} {outlet}. Tous droits réservés."],
    "id": ["Artikel ini pertama kali terbit di {outlet} dan dimuat ulang atas izin redaksi.",
           "Berita ini merupakan hasil kerja sama konten dengan {outlet}."],
    "zh": ["本文经{outlet}授权转载，版权归原作者所有。", "本文原载于{outlet}，经授权发布。"],
}
PARTNER_LINE = {"en": ["Provided by {outlet}", "In partnership with {outlet}", "Content from our partner {outlet}"],
                "de": ["Ein Beitrag von {outlet}", "In Kooperation mit {outlet}"], "es": ["Contenido ofrecido por {outlet}", "En colaboración con {outlet}"],
                "fr": ["Proposé par {outlet}", "En partenariat avec {outlet}"], "id": ["Dipersembahkan oleh {outlet}", "Kerja sama dengan {outlet}"],
                "zh": ["内容由{outlet}提供", "合作媒体：{outlet}"]}
WIRES = {"AP": "Associated Press", "Reuters": "Reuters", "AFP": "Agence France-Presse", "dpa": "Deutsche Presse-Agentur",
         "EFE": "Agencia EFE", "ANTARA": "Antara", "Xinhua": "新华社", "Bloomberg": "Bloomberg"}

# ---------------------------------------------------------------- Chinese farm template
ZH_BREADCRUMB = ["当前位置：首页 > 资讯 > 正文", "您的位置：首页 > 新闻中心 > 国际新闻", "当前位置：网站首页 > 热点 > 正文"]
ZH_TOPBAR = ["加入收藏 | 设为首页 | 会员中心 | 我要投稿", "设为首页 | 收藏本站 | 网站地图", "手机版 | 投稿 | 登录 注册"]
ZH_DISCLAIMER = ["本文来源于网络，如有侵权请联系删除。", "免责声明：本站文章均转载自互联网，仅供参考，不代表本站观点。",
                 "声明：本文内容由网友自发贡献，版权归原作者所有，本站不承担相关法律责任。如发现侵权内容，请联系站长删除。",
                 "文章来源：网络整理 转载请注明出处"]
ZH_PREV_NEXT = ["上一篇：{a}", "下一篇：{b}"]
ZH_META_EXTRA = ["阅读：{n}次", "浏览：{n}", "点击：{n}次", "人气：{n}"]
ZH_AUTHORS = ["佚名", "小编", "网络", "admin", "本站编辑"]
ZH_SOURCES = ["互联网", "网络", "网友投稿", "综合整理"]

# ---------------------------------------------------------------- expired domains
# Former owners of a domain that a farm bought after it lapsed; their name and menus linger.
EXPIRED_OWNERS = {
    "en": [("Riverside Youth Orchestra", ["Home", "About the Orchestra", "Concerts", "Join Us", "Donate"]),
           ("Maple Creek Dental Care", ["Home", "Our Team", "Services", "Book an Appointment"]),
           ("Hillview Community Library", ["Home", "Opening Hours", "Events", "Friends of the Library"])],
    "de": [("Bäckerei Sonnenschein", ["Start", "Unser Sortiment", "Filialen", "Kontakt"]),
           ("Turnverein Lindenau 1892", ["Start", "Abteilungen", "Trainingszeiten", "Mitglied werden"])],
    "es": [("Club Deportivo Los Pinos", ["Inicio", "Equipos", "Calendario", "Socios"]),
           ("Clínica Veterinaria San Roque", ["Inicio", "Servicios", "Cita previa", "Contacto"])],
    "fr": [("Chorale Les Voix du Lac", ["Accueil", "Répertoire", "Concerts", "Nous rejoindre"]),
           ("Camping Les Peupliers", ["Accueil", "Emplacements", "Tarifs", "Réserver"])],
    "id": [("Ikatan Alumni SMA Harapan", ["Beranda", "Profil", "Kegiatan", "Galeri"]),
           ("Toko Bunga Melati Indah", ["Beranda", "Katalog", "Cara Pesan", "Kontak"])],
    "zh": [("阳光幼儿园", ["首页", "园所简介", "招生信息", "联系我们"]), ("绿源茶叶合作社", ["首页", "产品展示", "合作社简介", "联系方式"])],
}

RIGHTS = {"en": "All rights reserved.", "de": "Alle Rechte vorbehalten.", "es": "Todos los derechos reservados.",
          "fr": "Tous droits réservés.", "id": "Hak cipta dilindungi undang-undang.", "zh": "版权所有"}
