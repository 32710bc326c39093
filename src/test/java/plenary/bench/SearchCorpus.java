package plenary.bench;

import plenary.amendment.Amendment;
import plenary.amendment.AmendmentKind;
import plenary.amendment.AmendmentState;
import plenary.deliberation.Comment;
import plenary.deliberation.CommentTarget;
import plenary.deliberation.Stance;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.ClauseStatus;
import plenary.document.Document;
import plenary.document.DocumentMeta;
import plenary.document.DocumentStatus;
import plenary.negotiation.Event;
import plenary.negotiation.Negotiation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generated outcome documents for {@link SearchBenchmark}: paragraphs built from the phrases such
 * documents are made of (mostly English; about one paragraph in five in French, Spanish, Russian,
 * Arabic or Chinese), with resolution symbols, years and city names for a long tail of rare words;
 * one document in four adopted; about one amendment per ten paragraphs (two in five still drafts,
 * the rest tabled) and one comment per eight, applied to a {@link Negotiation} as events.
 */
final class SearchCorpus {
    /** One generated document, its meeting and its negotiation. */
    record Doc(Document document, String meetingId, Negotiation negotiation) {
    }

    static final String[] DELEGATIONS = {"AUT", "FRA", "ESP", "RUS", "EGY", "CHN", "BRA", "KEN", "IND", "MEX",
        "DEU", "ITA", "JPN", "ZAF", "ARG", "MAR", "SEN", "NOR", "CAN", "IDN"};

    private final SplittableRandom random;

    SearchCorpus(long seed) {
        this.random = new SplittableRandom(seed);
    }

    static String meetingId(int m) {
        return String.format("meeting-%02d", m);
    }

    /** {@code clauses} paragraphs in documents of {@code perDocument}, spread over {@code meetings} meetings. */
    List<Doc> generate(int clauses, int perDocument, int meetings) {
        List<Doc> out = new ArrayList<>();
        for (int d = 0, left = clauses; left > 0; d++, left -= perDocument) {
            out.add(document(d, Math.min(left, perDocument), meetingId(d % meetings)));
        }
        return out;
    }

    private Doc document(int d, int clauses, String meetingId) {
        String id = String.format("doc-%04d", d);
        List<Clause> list = new ArrayList<>(clauses);
        int preambular = clauses / 5;
        ClauseKind previous = null;
        for (int i = 0; i < clauses; i++) {
            ClauseKind kind;
            if (i < preambular) {
                kind = ClauseKind.PREAMBULAR;
            } else if (previous == ClauseKind.OPERATIVE || previous == ClauseKind.SUB_PARAGRAPH) {
                kind = random.nextInt(4) == 0 ? ClauseKind.SUB_PARAGRAPH : ClauseKind.OPERATIVE;
            } else {
                kind = ClauseKind.OPERATIVE;
            }
            list.add(new Clause(id + "-c" + i, kind, paragraph(kind), random.nextInt(4), ClauseStatus.BRACKETED));
            previous = kind;
        }
        DocumentStatus status = d % 4 == 3 ? DocumentStatus.ADOPTED : DocumentStatus.NEGOTIATING;
        String title = "Outcome document " + (2000 + d / 10) + "/" + d + ": " + pick(EN.topics) + " and "
                + pick(EN.groups) + " at the local level";
        Document document = new Document(id, title, DocumentMeta.EMPTY, status, 1 + random.nextInt(500), list);
        Negotiation negotiation = new Negotiation(Negotiation.DEFAULT_EDIT_WINDOW);
        List<String> amendmentIds = new ArrayList<>();
        for (int a = 0; a < clauses / 10; a++) {
            Clause on = list.get(random.nextInt(list.size()));
            String aid = id + "-a" + a;
            String sponsor = pick(DELEGATIONS);
            List<String> cosponsors = random.nextInt(3) == 0 ? List.of(pick(DELEGATIONS)) : List.of();
            String rationale = random.nextBoolean() ? "" : rationale();
            negotiation.apply(new Event.AmendmentDrafted(new Amendment(aid, AmendmentKind.MODIFY, on.id(), null, null,
                    on.version(), on.text(), amend(on.text(), on.kind()), sponsor, cosponsors, rationale,
                    "user-" + random.nextInt(400), "Delegate", AmendmentState.DRAFT, null, List.of(),
                    "2026-11-20T10:00:00Z")));
            if (random.nextInt(5) >= 2) {
                negotiation.apply(new Event.AmendmentTabled(aid));
            }
            amendmentIds.add(aid);
        }
        for (int c = 0; c < clauses / 8; c++) {
            boolean onAmendment = !amendmentIds.isEmpty() && random.nextInt(3) == 0;
            String target = onAmendment ? amendmentIds.get(random.nextInt(amendmentIds.size()))
                    : list.get(random.nextInt(list.size())).id();
            Stance stance = Stance.values()[random.nextInt(Stance.values().length)];
            negotiation.apply(new Event.CommentPosted(new Comment(id + "-k" + c,
                    onAmendment ? CommentTarget.AMENDMENT : CommentTarget.CLAUSE, target, null, stance,
                    comment(stance), "user-" + random.nextInt(400), "Delegate", pick(DELEGATIONS),
                    "2026-11-21T09:00:00Z", null, false, false)));
        }
        return new Doc(document, meetingId, negotiation);
    }

    /** One paragraph of the given kind, in English four times out of five. */
    String paragraph(ClauseKind kind) {
        int roll = random.nextInt(20);
        Lang lang = roll < 16 ? EN : OTHERS[random.nextInt(OTHERS.length)];
        return paragraph(lang, kind);
    }

    private String paragraph(Lang l, ClauseKind kind) {
        StringBuilder s = new StringBuilder();
        if (kind == ClauseKind.PREAMBULAR) {
            s.append('*').append(pick(l.preambular)).append("* ");
            if (random.nextBoolean()) {
                s.append(pick(l.instruments)).append(l.comma).append(qualifier(l));
            } else {
                s.append(l.that).append(pick(l.actors)).append(' ').append(pick(l.roles)).append(' ')
                        .append(pick(l.topics)).append(l.comma).append(pick(l.including)).append(' ')
                        .append(pick(l.groups)).append(l.comma).append(qualifier(l));
            }
            return s.append(l.preambularEnd).toString();
        }
        if (kind == ClauseKind.OPERATIVE) {
            s.append('*').append(pick(l.operative)).append("* ").append(pick(l.actors)).append(' ');
        }
        s.append(pick(l.actions)).append(' ').append(random.nextBoolean() ? pick(l.topics) : pick(l.groups));
        int more = random.nextInt(kind == ClauseKind.SUB_PARAGRAPH ? 2 : 4);
        for (int i = 0; i < more; i++) {
            switch (random.nextInt(3)) {
                case 0 -> s.append(l.comma).append(pick(l.including)).append(' ').append(pick(l.groups));
                case 1 -> s.append(l.comma).append(qualifier(l));
                default -> s.append(l.comma).append(l.and).append(pick(l.actions)).append(' ').append(pick(l.topics));
            }
        }
        return s.append(l.operativeEnd).toString();
    }

    private String qualifier(Lang l) {
        String q = pick(l.qualifiers);
        if (q.contains("%")) {
            return switch (random.nextInt(3)) {
                case 0 -> String.format(q, random.nextInt(50, 80) + "/" + random.nextInt(1, 320));
                case 1 -> String.format(q, "A/HRC/" + random.nextInt(20, 60) + "/" + random.nextInt(1, 90));
                default -> String.format(q, pick(CITIES) + " (" + random.nextInt(1995, 2027) + ")");
            };
        }
        return q;
    }

    /** The amendment's proposed text: the clause with one phrase added and perhaps one swapped. */
    private String amend(String text, ClauseKind kind) {
        String body = text.substring(0, Math.max(0, text.length() - 1));
        if (random.nextBoolean()) {
            body = body.replace(pick(EN.topics), pick(EN.topics));
        }
        return body + ", " + pick(EN.including) + " " + pick(EN.groups) + (kind == ClauseKind.PREAMBULAR ? "," : ";");
    }

    private String rationale() {
        return pick(RATIONALES) + " " + pick(EN.qualifiers).replace("%s", pick(CITIES)) + ".";
    }

    private String comment(Stance stance) {
        if (random.nextInt(6) == 0) {
            Lang l = OTHERS[random.nextInt(OTHERS.length)];
            return pick(l.comments) + " " + pick(l.topics) + l.operativeEnd;
        }
        String opener = switch (stance) {
            case SUPPORT -> pick(SUPPORT);
            case OPPOSE -> pick(OPPOSE);
            case NEUTRAL -> pick(NEUTRAL);
        };
        return opener + " " + pick(EN.topics) + ", " + pick(EN.including) + " " + pick(EN.groups) + ".";
    }

    String pick(String[] words) {
        return words[random.nextInt(words.length)];
    }

    /** The phrase banks of one language. */
    record Lang(String[] preambular, String[] operative, String[] actors, String[] roles, String[] actions,
                String[] groups, String[] topics, String[] including, String[] instruments, String[] qualifiers,
                String[] comments, String that, String and, String comma, String preambularEnd, String operativeEnd) {
    }

    static final Lang EN = new Lang(
            new String[]{"Recalling", "Recalling also", "Reaffirming", "Recognizing", "Recognizing also",
                "Bearing in mind", "Noting with appreciation", "Noting with concern", "Deeply concerned",
                "Convinced", "Acknowledging", "Emphasizing", "Welcoming", "Stressing", "Guided by", "Mindful",
                "Aware", "Taking note of", "Expressing concern", "Determined"},
            new String[]{"Encourages", "Invites", "Calls upon", "Urges", "Recommends", "Requests", "Stresses",
                "Decides", "Commits to", "Welcomes", "Affirms", "Underlines", "Reiterates", "Supports",
                "Undertakes", "Appeals to", "Requests also", "Further encourages", "Strongly urges", "Resolves"},
            new String[]{"local governments", "local and regional governments", "national governments",
                "municipalities", "cities and regions", "city networks", "national human rights institutions",
                "civil society organizations", "universities and research institutions",
                "the Office of the United Nations High Commissioner for Human Rights", "UN-Habitat",
                "United Cities and Local Governments", "the Human Rights Council", "mayors and local councils",
                "local ombudspersons", "national parliaments", "the private sector", "international organizations",
                "States", "donors and development partners", "regional human rights mechanisms",
                "the European Union Agency for Fundamental Rights", "metropolitan authorities",
                "rural municipalities", "local police services"},
            new String[]{"play an essential role in", "share responsibility for", "have made commitments on",
                "are the first to respond to needs in", "are committed to progress on",
                "hold many of the competences relevant to", "face growing demands in",
                "have developed innovative practices in"},
            new String[]{"to adopt local action plans for", "to allocate adequate budgets to",
                "to collect disaggregated data on", "to ensure the meaningful participation of",
                "to strengthen cooperation on", "to monitor the implementation of commitments on",
                "to guarantee access to", "to combat discrimination in", "to protect the rights of",
                "to promote awareness of", "to integrate human rights into", "to report regularly on",
                "to establish independent complaint mechanisms on", "to provide training on", "to consult",
                "to develop indicators on", "to evaluate the effects of policies on", "to remove barriers to",
                "to publish accessible information on", "to commit resources to", "to ensure accountability for",
                "to mainstream a gender perspective in", "to share good practices on"},
            new String[]{"persons with disabilities", "older persons", "children and young people",
                "migrants and refugees", "women and girls", "Roma and Travellers", "homeless persons",
                "indigenous peoples", "persons living in poverty", "LGBTI persons",
                "residents of informal settlements", "national, ethnic and linguistic minorities",
                "human rights defenders", "persons deprived of their liberty", "internally displaced persons",
                "all residents", "asylum seekers", "domestic workers", "single-parent families", "stateless persons"},
            new String[]{"adequate housing", "safe drinking water and sanitation", "health care", "inclusive education",
                "social protection", "public transport", "public spaces", "digital public services",
                "climate adaptation", "the right to privacy", "access to justice", "decent work", "food security",
                "cultural life and sport", "participatory budgeting", "smart city technologies",
                "emergency preparedness", "the recovery from the COVID-19 pandemic", "gender equality",
                "non-discrimination", "freedom of expression and assembly", "energy poverty",
                "evictions and displacement", "artificial intelligence in public administration",
                "air quality and the environment", "procurement and supply chains", "early childhood care",
                "mental health", "road safety", "the rule of law"},
            new String[]{"including", "in particular", "especially", "with special attention to",
                "taking into account the needs of", "notably"},
            new String[]{"the Universal Declaration of Human Rights", "the International Covenant on Civil and Political Rights",
                "the International Covenant on Economic, Social and Cultural Rights",
                "the Convention on the Rights of Persons with Disabilities", "the Convention on the Rights of the Child",
                "the Convention on the Elimination of All Forms of Discrimination against Women",
                "the 2030 Agenda for Sustainable Development", "the New Urban Agenda",
                "the Gwangju Guiding Principles for a Human Rights City",
                "the European Charter for the Safeguarding of Human Rights in the City",
                "the Global Charter-Agenda for Human Rights in the City", "the Paris Agreement",
                "the Sendai Framework for Disaster Risk Reduction", "the Guiding Principles on Business and Human Rights",
                "the report of the Advisory Committee on local government and human rights"},
            new String[]{"in line with the 2030 Agenda for Sustainable Development",
                "in accordance with international human rights law", "within their respective competences",
                "as set out in resolution %s", "as recommended in %s", "as agreed in %s",
                "with due regard to the principle of subsidiarity", "at the local and regional levels",
                "in cooperation with the city of %s", "on the basis of reliable evidence",
                "without discrimination of any kind", "including through the Sustainable Development Goals",
                "taking into account the New Urban Agenda", "in a transparent and accountable manner",
                "with the participation of those concerned", "by the end of the next reporting cycle",
                "and leave no one behind"},
            new String[]{},
            "that ", "and ", ", ", ",", ";");

    static final Lang FR = new Lang(
            new String[]{"Rappelant", "Reconnaissant", "Soulignant", "Réaffirmant", "Consciente", "Notant avec préoccupation",
                "Se félicitant"},
            new String[]{"Invite", "Encourage", "Engage", "Demande", "Recommande", "Prie", "Exhorte"},
            new String[]{"les collectivités locales et régionales", "les gouvernements nationaux", "les villes",
                "la société civile", "les institutions nationales des droits de l'homme", "les communes rurales",
                "les métropoles"},
            new String[]{"jouent un rôle essentiel dans", "partagent la responsabilité de", "se sont engagées en faveur de"},
            new String[]{"à adopter des plans d'action locaux pour", "à garantir l'accès à", "à renforcer la participation des",
                "à collecter des données ventilées sur", "à consacrer un budget dédié à", "à lutter contre les discriminations dans"},
            new String[]{"personnes handicapées", "personnes âgées", "enfants et jeunes", "migrants et réfugiés",
                "femmes et filles", "habitantes et habitants", "personnes sans abri"},
            new String[]{"logement convenable", "eau potable et assainissement", "santé", "éducation inclusive",
                "protection sociale", "transports publics", "services publics numériques", "égalité entre les femmes et les hommes"},
            new String[]{"y compris", "en particulier", "notamment"},
            new String[]{"la Déclaration universelle des droits de l'homme", "le Programme de développement durable à l'horizon 2030",
                "la Convention relative aux droits des personnes handicapées", "le Nouveau Programme pour les villes"},
            new String[]{"conformément au droit international des droits de l'homme",
                "dans le cadre du Programme de développement durable à l'horizon 2030",
                "dans les limites de leurs compétences", "au niveau local", "comme le prévoit la résolution %s"},
            new String[]{"Nous appuyons ce paragraphe et proposons de mentionner", "La délégation s'interroge sur",
                "Nous préférerions une référence explicite à"},
            "que ", "et ", ", ", ",", " ;");

    static final Lang ES = new Lang(
            new String[]{"Recordando", "Reconociendo", "Teniendo presente", "Reafirmando", "Destacando", "Observando con preocupación"},
            new String[]{"Alienta", "Invita", "Exhorta", "Insta", "Recomienda", "Solicita"},
            new String[]{"los gobiernos locales", "los gobiernos locales y regionales", "las ciudades", "la sociedad civil",
                "las instituciones nacionales de derechos humanos", "los municipios rurales"},
            new String[]{"desempeñan un papel esencial en", "comparten la responsabilidad de", "se han comprometido con"},
            new String[]{"a adoptar planes de acción locales sobre", "a garantizar el acceso a", "a fortalecer la participación de",
                "a recopilar datos desglosados sobre", "a asignar presupuestos adecuados a", "a combatir la discriminación en"},
            new String[]{"personas con discapacidad", "personas mayores", "niñas, niños y jóvenes", "migrantes y refugiados",
                "mujeres y niñas", "pueblos indígenas", "personas sin hogar"},
            new String[]{"vivienda adecuada", "agua potable y saneamiento", "salud", "educación inclusiva", "protección social",
                "transporte público", "espacios públicos", "igualdad de género"},
            new String[]{"incluidos", "en particular", "especialmente"},
            new String[]{"la Declaración Universal de Derechos Humanos", "la Agenda 2030 para el Desarrollo Sostenible",
                "la Convención sobre los Derechos de las Personas con Discapacidad", "la Nueva Agenda Urbana"},
            new String[]{"de conformidad con el derecho internacional de los derechos humanos",
                "en el marco de la Agenda 2030 para el Desarrollo Sostenible", "en el ámbito de sus competencias",
                "en el ámbito local", "según lo dispuesto en la resolución %s"},
            new String[]{"Apoyamos este párrafo y proponemos mencionar", "La delegación tiene dudas sobre",
                "Preferiríamos una referencia explícita a"},
            "que ", "y ", ", ", ",", ";");

    static final Lang RU = new Lang(
            new String[]{"Напоминая", "Признавая", "Подчёркивая", "Вновь подтверждая", "Учитывая", "Выражая обеспокоенность"},
            new String[]{"Призывает", "Предлагает", "Рекомендует", "Просит", "Настоятельно призывает", "Поощряет"},
            new String[]{"местные органы власти", "местные и региональные органы власти", "национальные правительства",
                "города", "гражданское общество", "национальные правозащитные учреждения"},
            new String[]{"играют важную роль в обеспечении", "разделяют ответственность за", "взяли на себя обязательства в области"},
            new String[]{"принять местные планы действий в области", "обеспечить доступ к", "укрепить участие",
                "собирать дезагрегированные данные о", "выделить достаточные бюджетные средства на", "бороться с дискриминацией в сфере"},
            new String[]{"инвалидов", "пожилых людей", "детей и молодёжи", "мигрантов и беженцев", "женщин и девочек",
                "коренных народов", "бездомных"},
            new String[]{"достаточного жилища", "питьевой воды и санитарии", "здравоохранения", "инклюзивного образования",
                "социальной защиты", "общественного транспорта", "гендерного равенства"},
            new String[]{"включая", "в частности", "особенно"},
            new String[]{"Всеобщую декларацию прав человека", "Повестку дня в области устойчивого развития на период до 2030 года",
                "Конвенцию о правах инвалидов", "Новую программу развития городов"},
            new String[]{"в соответствии с международным правом прав человека",
                "в рамках Повестки дня в области устойчивого развития на период до 2030 года",
                "в пределах своей компетенции", "на местном уровне", "как предусмотрено в резолюции %s"},
            new String[]{"Мы поддерживаем этот пункт и предлагаем упомянуть", "Делегация сомневается в отношении",
                "Мы предпочли бы прямую ссылку на"},
            "что ", "и ", ", ", ",", ";");

    static final Lang AR = new Lang(
            new String[]{"إذ تشير", "وإذ تعترف", "وإذ تؤكد", "وإذ تضع في اعتبارها", "وإذ تعرب عن قلقها"},
            new String[]{"تدعو", "تشجع", "توصي", "تطلب", "تحث", "ترحب"},
            new String[]{"الحكومات المحلية", "الحكومات المحلية والإقليمية", "الحكومات الوطنية", "المدن", "المجتمع المدني",
                "المؤسسات الوطنية لحقوق الإنسان"},
            new String[]{"تؤدي دوراً أساسياً في", "تتقاسم المسؤولية عن", "التزمت بالعمل من أجل"},
            new String[]{"إلى اعتماد خطط عمل محلية لحقوق الإنسان في مجال", "إلى ضمان الوصول إلى", "إلى تعزيز مشاركة",
                "إلى جمع بيانات مصنفة عن", "إلى تخصيص ميزانيات كافية لـ", "إلى مكافحة التمييز في"},
            new String[]{"الأشخاص ذوي الإعاقة", "كبار السن", "الأطفال والشباب", "المهاجرين واللاجئين", "النساء والفتيات",
                "الشعوب الأصلية", "المشردين"},
            new String[]{"السكن اللائق", "مياه الشرب والصرف الصحي", "الرعاية الصحية", "التعليم الشامل", "الحماية الاجتماعية",
                "النقل العام", "المساواة بين الجنسين"},
            new String[]{"بما في ذلك", "ولا سيما", "وخاصة"},
            new String[]{"الإعلان العالمي لحقوق الإنسان", "خطة التنمية المستدامة لعام 2030", "اتفاقية حقوق الأشخاص ذوي الإعاقة",
                "الخطة الحضرية الجديدة"},
            new String[]{"وفقاً للقانون الدولي لحقوق الإنسان", "في إطار خطة التنمية المستدامة لعام 2030", "في حدود اختصاصاتها",
                "على المستوى المحلي", "على النحو المبين في القرار %s"},
            new String[]{"نؤيد هذه الفقرة ونقترح الإشارة إلى", "لدى الوفد تساؤلات بشأن", "نفضل إشارة صريحة إلى"},
            "أن ", "و", "، ", "،", "؛");

    static final Lang ZH = new Lang(
            new String[]{"回顾", "认识到", "强调", "重申", "铭记", "关切地注意到"},
            new String[]{"鼓励", "邀请", "呼吁", "建议", "请", "敦促"},
            new String[]{"地方政府", "地方和区域政府", "国家政府", "城市", "民间社会", "国家人权机构"},
            new String[]{"在以下方面发挥重要作用：", "共同承担责任：", "已作出承诺："},
            new String[]{"制定地方人权行动计划，涉及", "确保获得", "加强参与：", "收集分类数据，涉及", "划拨充足预算用于",
                "消除歧视，涉及"},
            new String[]{"残疾人", "老年人", "儿童和青年", "移民和难民", "妇女和女童", "土著人民", "无家可归者"},
            new String[]{"适足住房", "安全饮用水和卫生设施", "医疗保健", "包容性教育", "社会保护", "公共交通", "性别平等"},
            new String[]{"包括", "特别是", "尤其是"},
            new String[]{"《世界人权宣言》", "《2030年可持续发展议程》", "《残疾人权利公约》", "《新城市议程》"},
            new String[]{"依照国际人权法", "在2030年可持续发展议程框架内", "在其职权范围内", "在地方一级", "按照第%s号决议"},
            new String[]{"我们支持本段，并建议提及", "代表团对以下内容有疑问：", "我们希望明确提及"},
            "", "并", "，", "，", "；");

    static final Lang[] OTHERS = {FR, ES, RU, AR, ZH};

    static final String[] CITIES = {"Graz", "Gwangju", "Barcelona", "Montreal", "Utrecht", "Vienna", "Nairobi",
        "Bogotá", "Mexico City", "Seoul", "Lund", "York", "Victoria", "Porto Alegre", "Rosario", "Medellín", "Dakar",
        "Rabat", "Tunis", "Amman", "Jakarta", "Penang", "Kathmandu", "Lisbon", "Ghent", "Turin", "Madrid", "Kraków",
        "Tbilisi", "Almaty", "Ulaanbaatar", "Quezon City", "Durban", "Kampala", "Accra", "Cotonou", "Lima", "Quito",
        "Montevideo", "Valparaíso", "Helsinki", "Middelburg", "Salzburg", "Sarajevo", "Tirana", "Izmir", "Beirut",
        "Dhaka", "Chennai", "Osaka"};

    static final String[] RATIONALES = {"The sponsors wish to align the paragraph with agreed language",
        "This reflects the position of our regional group", "The change clarifies the scope of the commitment",
        "Experience shows this is needed", "We propose this to avoid duplication with earlier paragraphs"};
    static final String[] SUPPORT = {"We support this text, which strengthens the commitment on",
        "Strong support; please keep the reference to", "We welcome this paragraph on"};
    static final String[] OPPOSE = {"We cannot accept this wording on", "This goes beyond agreed language on",
        "We oppose the deletion of the reference to"};
    static final String[] NEUTRAL = {"Could the facilitators clarify what is meant by", "A question on",
        "Is there agreed language on"};
}
