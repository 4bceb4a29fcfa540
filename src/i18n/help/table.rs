//! The text of the command line: every command's and argument's help in
//! French and English, and the French names of enumerated values.

/// Help texts: key → (French, English). Keys: `about` (ptba itself),
/// `cmd:NAME` (a command), `NAME.ID` (an argument of one command), `ID` (an
/// argument wherever it appears).
pub const HELP: &[(&str, &str, &str)] = &[
    (
        "about",
        "Plans de travail budgétisés annuels (PTBA/PTA) : vérifier, suivre, rapporter.",
        "Annual work plans (PTBA/PTA): check, track, report.",
    ),
    (
        "cmd:check",
        "Valide des plans et leurs journaux de suivi (pour la CI).",
        "Validate plans and their progress logs (for CI).",
    ),
    (
        "cmd:summary",
        "Taux d'exécution et tableau par groupe.",
        "Execution rates and a table by group.",
    ),
    (
        "cmd:record",
        "Ajoute un enregistrement au journal de suivi.",
        "Append one record to the progress log.",
    ),
    (
        "cmd:report",
        "Rapport Excel (synthèse, activités, sources, chronogramme, indicateurs).",
        "Excel report (summary, activities, sources, schedule, indicators).",
    ),
    (
        "cmd:convert",
        "Convertit un plan TOML en classeur, ou un classeur en plan TOML (avec son journal).",
        "Convert a TOML plan to a workbook, or a workbook to a TOML plan (with its log).",
    ),
    (
        "cmd:init",
        "Écrit un plan de départ commenté.",
        "Write a commented starter plan.",
    ),
    (
        "cmd:template",
        "Classeur de saisie du suivi pour les points focaux.",
        "Progress-collection workbook for focal points.",
    ),
    (
        "cmd:import",
        "Importe un classeur de saisie rempli.",
        "Import a filled progress template.",
    ),
    (
        "cmd:completions",
        "Complétion du shell.",
        "Shell completions.",
    ),
    (
        "cmd:help",
        "Affiche l'aide de ptba ou d'une commande.",
        "Print the help of ptba or of a command.",
    ),
    ("help", "Affiche l'aide.", "Print help."),
    ("version", "Affiche la version.", "Print version."),
    (
        "lang",
        "Langue des messages et de l'aide : fr ou en (aussi FR, fr_FR.UTF-8, en_US…). Défaut : variable PTBA_LANG, sinon fr. Les rapports (summary, report) suivent la langue du plan quand --lang n'est pas donné.",
        "Language of messages and help: fr or en (also FR, fr_FR.UTF-8, en_US…). Default: the PTBA_LANG variable, else fr. Reports (summary, report) follow the plan's language when --lang is not given.",
    ),
    (
        "color",
        "Couleurs : auto = seulement sur un terminal, et jamais si la variable NO_COLOR est définie.",
        "Colours: auto = on a terminal only, and never when the NO_COLOR variable is set.",
    ),
    (
        "plans",
        "Plans à lire : TOML, ou classeur (.xlsx, .xls, .ods). Plusieurs plans sont consolidés.",
        "Plans to read: TOML, or a workbook (.xlsx, .xls, .ods). Several plans are consolidated.",
    ),
    (
        "check.plans",
        "Plans à valider (TOML ou classeur), avec leurs journaux de suivi.",
        "Plans to validate (TOML or workbook), with their progress logs.",
    ),
    (
        "plan",
        "Le plan (TOML ou classeur).",
        "The plan (TOML or workbook).",
    ),
    (
        "check.format",
        "Forme des diagnostics : lisible, un objet JSON par ligne, ou annotations GitHub.",
        "Form of the diagnostics: readable, one JSON object per line, or GitHub annotations.",
    ),
    ("summary.format", "Forme de la sortie.", "Output form."),
    (
        "deny_warnings",
        "Les avertissements font aussi échouer (code 1).",
        "Warnings fail too (exit 1).",
    ),
    ("by", "Regroupement du tableau.", "Grouping of the table."),
    (
        "precision",
        "Décimales des taux affichés (0 à 6).",
        "Decimals of displayed rates (0 to 6).",
    ),
    (
        "as_of",
        "Situation à cette date (AAAA-MM-JJ ou JJ/MM/AAAA) ; défaut : la date du dernier enregistrement.",
        "State as of this date (YYYY-MM-DD or DD/MM/YYYY); default: the latest record's date.",
    ),
    (
        "weighting",
        "Pondération du taux physique ; défaut : celle du plan, sinon activities.",
        "Weighting of the physical rate; default: the plan's, else activities.",
    ),
    (
        "sheet",
        "Feuille du plan dans un classeur fait main.",
        "Sheet of the plan in a hand-made workbook.",
    ),
    (
        "mapping",
        "Fichier TOML qui associe les en-têtes d'un classeur fait main aux champs (docs/import.md).",
        "TOML file mapping the headers of a hand-made workbook to fields (docs/import.md).",
    ),
    (
        "max_file_size",
        "Taille maximale du classeur, Mio (défaut 64).",
        "Largest workbook file, MiB (default 64).",
    ),
    (
        "max_unpacked_size",
        "Taille décompressée maximale des parties XML, Mio (défaut 256).",
        "Largest unpacked size of the XML parts, MiB (default 256).",
    ),
    (
        "max_rows",
        "Dernière ligne utilisée au plus (défaut 1048576, la limite d'Excel).",
        "Last used row at most (default 1048576, Excel's limit).",
    ),
    (
        "max_columns",
        "Dernière colonne utilisée au plus (défaut 1000).",
        "Last used column at most (default 1000).",
    ),
    (
        "max_cells",
        "Cellules à lire au plus, toutes feuilles (défaut 5000000).",
        "Cells to read at most, all sheets (default 5000000).",
    ),
    (
        "record.activity",
        "Identifiant de l'activité (par ex. A1.1.1).",
        "Id of the activity (e.g. A1.1.1).",
    ),
    (
        "record.date",
        "Date de l'enregistrement (AAAA-MM-JJ ou JJ/MM/AAAA) ; défaut : aujourd'hui.",
        "Date of the record (YYYY-MM-DD or DD/MM/YYYY); default: today.",
    ),
    (
        "record.status",
        "Statut : prévue, en cours, réalisée, reportée, abandonnée (ou planned, ongoing, done, postponed, cancelled).",
        "Status: planned, ongoing, done, postponed, cancelled (or prévue, en cours, réalisée, reportée, abandonnée).",
    ),
    (
        "record.progress",
        "Avancement physique en %, 0 à 100 (40 ou 40%).",
        "Physical progress in %, 0 to 100 (40 or 40%).",
    ),
    (
        "record.spent",
        "Montant décaissé depuis le précédent enregistrement (12500000, \"12 500 000\").",
        "Amount paid out since the previous record (12500000, \"12 500 000\").",
    ),
    (
        "record.committed",
        "Montant engagé depuis le précédent enregistrement.",
        "Amount committed since the previous record.",
    ),
    (
        "record.source",
        "Source de financement du montant (son id, par ex. ETAT).",
        "Funding source of the amount (its id, e.g. ETAT).",
    ),
    (
        "record.indicators",
        "Valeur atteinte d'un indicateur, NOM=VALEUR ; répétable.",
        "Value reached by an indicator, NAME=VALUE; repeatable.",
    ),
    (
        "record.note",
        "Note libre (ce qui a été fait, où, les difficultés).",
        "Free note (what was done, where, difficulties).",
    ),
    (
        "check.all",
        "Afficher tous les diagnostics (sinon 20 au plus par code ; le JSON les donne toujours tous).",
        "Print every diagnostic (otherwise at most 20 per code; JSON always has them all).",
    ),
    (
        "record.correction",
        "Écriture de correction (contre-passation) : --spent et --committed peuvent être négatifs, --note obligatoire.",
        "A correction (reversal): --spent and --committed may be negative, --note is required.",
    ),
    (
        "record.force",
        "Accepter une date hors de l'année du plan.",
        "Accept a date outside the plan year.",
    ),
    (
        "record.category",
        "Catégorie de la dépense (une des catégories des lignes budgétaires de l'activité).",
        "Expenditure category of the spending (one of the activity's budget line categories).",
    ),
    (
        "report.period",
        "Période du rapport : un trimestre de l'année du plan (T1..T4).",
        "Period of the report: a quarter of the plan year (Q1..Q4).",
    ),
    (
        "report.from",
        "Début de la période (avec --to).",
        "Start of the period (with --to).",
    ),
    (
        "report.to",
        "Fin de la période (avec --from).",
        "End of the period (with --from).",
    ),
    (
        "report.source",
        "Rapport d'un bailleur : ses lignes budgétaires et les dépenses qui lui sont attribuées seulement (son id).",
        "One funder's report: only its budget lines and the spending attributed to it (its id).",
    ),
    (
        "cmd:inspect",
        "Ce que ptba comprend d'un classeur fait main : feuilles, en-têtes, champs, niveaux, unité, totaux ; écrit un fichier de correspondances à corriger.",
        "What ptba understands of a hand-made workbook: sheets, headers, fields, levels, unit, totals; writes a mapping file to correct.",
    ),
    (
        "inspect.file",
        "Le classeur à examiner (.xlsx, .xls, .ods).",
        "The workbook to inspect (.xlsx, .xls, .ods).",
    ),
    (
        "inspect.write_mapping",
        "Écrire ce qui a été compris dans un fichier de correspondances (.toml) à corriger puis passer avec --mapping.",
        "Write what was understood to a mapping file (.toml) to correct, then pass with --mapping.",
    ),
    (
        "inspect.force",
        "Remplacer le fichier de correspondances s'il existe.",
        "Replace the mapping file if it exists.",
    ),
    (
        "report.force",
        "Remplacer le classeur s'il existe (jamais un des fichiers lus).",
        "Replace the workbook if it exists (never one of the files read).",
    ),
    (
        "template.force",
        "Remplacer le classeur s'il existe (jamais un des fichiers lus).",
        "Replace the workbook if it exists (never one of the files read).",
    ),
    (
        "init.force",
        "Remplacer le fichier s'il existe.",
        "Replace the file if it exists.",
    ),
    (
        "cmd:list",
        "Les activités, une ligne chacune, filtrées (en retard, à financer, par statut, responsable, axe, source, trimestre).",
        "The activities, one line each, filtered (late, unfunded, by status, responsible, axis, source, quarter).",
    ),
    (
        "list.late",
        "Seulement les activités en retard : un trimestre prévu est échu et l'avancement est sous ce que le chronogramme implique.",
        "Only late activities: a planned quarter has ended and progress is below what the schedule implies.",
    ),
    (
        "list.unfunded",
        "Liste de mobilisation des ressources : les montants à rechercher, par activité et source.",
        "Resource-mobilisation list: the amounts to be found, per activity and source.",
    ),
    (
        "list.status",
        "Seulement ce statut : prévue, en cours, réalisée, reportée, abandonnée (ou planned, ongoing, done, postponed, cancelled).",
        "Only this status: planned, ongoing, done, postponed, cancelled (or the French labels).",
    ),
    (
        "list.responsible",
        "Seulement les activités de ce responsable (casse et accents ignorés).",
        "Only this responsible's activities (case and accents ignored).",
    ),
    (
        "list.axis",
        "Seulement les activités de cet axe (son code).",
        "Only the activities of this axis (its id).",
    ),
    (
        "list.source",
        "Seulement les activités financées par cette source (son code).",
        "Only the activities funded by this source (its id).",
    ),
    (
        "list.quarter",
        "Seulement les activités prévues à ce trimestre (T2, Q2 ou 2).",
        "Only the activities planned in this quarter (Q2, T2 or 2).",
    ),
    ("list.format", "Forme de la sortie.", "Output form."),
    (
        "cmd:history",
        "Les enregistrements d'une activité, dans l'ordre, avec les cumuls de décaissé et d'engagé ; corrections et imports marqués.",
        "One activity's records in order, with running totals of spent and committed; corrections and imports marked.",
    ),
    (
        "history.activity",
        "Identifiant de l'activité (par ex. A1.1.1).",
        "The activity's id (e.g. A1.1.1).",
    ),
    ("history.format", "Forme de la sortie.", "Output form."),
    (
        "cmd:dashboard",
        "Tableau de bord HTML autonome pour l'atelier-bilan (s'ouvre hors ligne, se projette, s'imprime).",
        "A self-contained HTML dashboard for the review workshop (opens offline, projects, prints).",
    ),
    (
        "dashboard.output",
        "Page à écrire (.html).",
        "Page to write (.html).",
    ),
    (
        "dashboard.force",
        "Remplacer la page si elle existe (jamais un des fichiers lus).",
        "Replace the page if it exists (never one of the files read).",
    ),
    (
        "cmd:diff",
        "Ce qui a changé entre deux versions d'un plan (ou, avec un seul plan, entre budget initial et révisé) : activités ajoutées, retirées, déplacées, renommées, rebudgétées, replanifiées ; budget par axe et par source avant, après, écart.",
        "What changed between two versions of a plan (or, with one plan, between initial and revised budgets): activities added, removed, moved, retitled, re-budgeted, rescheduled; budget by axis and by source before, after, difference.",
    ),
    (
        "diff.old",
        "L'ancienne version du plan (ou le plan seul : initial contre révisé).",
        "The old version of the plan (or the plan alone: initial against revised).",
    ),
    (
        "diff.new",
        "La nouvelle version du plan.",
        "The new version of the plan.",
    ),
    ("diff.format", "Forme de la sortie.", "Output form."),
    (
        "cmd:rollover",
        "Projet de plan de l'année suivante : activités non achevées avec leur budget restant, indicateurs rebasés, provenance en commentaires.",
        "Next year's draft plan: unfinished activities with their remaining budget, indicators rebased, provenance in comments.",
    ),
    (
        "rollover.year",
        "L'année du nouveau plan (après celle du plan).",
        "The new plan's year (after the plan's).",
    ),
    (
        "rollover.output",
        "Projet à écrire (.toml) ; défaut : à côté du plan, l'année du nom remplacée.",
        "Draft to write (.toml); default: beside the plan, the year in its name replaced.",
    ),
    (
        "rollover.full_budget",
        "Reprendre le budget entier des activités reprises, pas seulement le restant.",
        "Carry the whole budget of carried activities, not only what remains.",
    ),
    (
        "rollover.force",
        "Remplacer le projet s'il existe (jamais le plan ni son journal).",
        "Replace the draft if it exists (never the plan or its log).",
    ),
    (
        "report.output",
        "Classeur à écrire (.xlsx).",
        "Workbook to write (.xlsx).",
    ),
    (
        "convert.input",
        "Le fichier à convertir : plan TOML, ou classeur (.xlsx, .xls, .ods).",
        "The file to convert: TOML plan, or workbook (.xlsx, .xls, .ods).",
    ),
    (
        "convert.output",
        "Fichier à écrire : .xlsx (classeur du plan) ou .toml (plan + journal).",
        "File to write: .xlsx (plan workbook) or .toml (plan + log).",
    ),
    (
        "convert.force",
        "Remplace les fichiers existants.",
        "Replace existing files.",
    ),
    (
        "init.output",
        "Fichier à créer ; défaut : plan-ANNÉE.toml.",
        "File to create; default: plan-YEAR.toml.",
    ),
    (
        "init.year",
        "Année du plan ; défaut : l'année en cours.",
        "Year of the plan; default: the current year.",
    ),
    (
        "init.organization",
        "Nom de l'organisation qui porte le plan.",
        "Name of the organisation the plan belongs to.",
    ),
    (
        "template.output",
        "Classeur de saisie à écrire (.xlsx).",
        "Template workbook to write (.xlsx).",
    ),
    (
        "template.responsible",
        "Seulement les activités de ce responsable.",
        "Only the activities of this responsible.",
    ),
    (
        "template.quarter",
        "Seulement les activités prévues à ce trimestre (1 à 4).",
        "Only the activities planned in this quarter (1 to 4).",
    ),
    (
        "import.filled",
        "Le classeur de saisie rempli.",
        "The filled progress template.",
    ),
    (
        "import.force",
        "Importe même un classeur déjà importé.",
        "Import even a workbook already imported.",
    ),
    (
        "completions.shell",
        "Le shell : bash, zsh, fish, powershell, elvish.",
        "The shell: bash, zsh, fish, powershell, elvish.",
    ),
    (
        "help.command",
        "La commande dont afficher l'aide.",
        "The command whose help to print.",
    ),
];

/// The French name of an enumerated value, where it has one (shown in the
/// French help; both names are accepted in every language).
pub(super) const FRENCH_VALUES: &[(&str, &str)] = &[
    ("axis", "axe"),
    ("responsible", "responsable"),
    ("quarter", "trimestre"),
    ("table", "tableau"),
    ("human", "humain"),
    ("activities", "activités"),
    ("weight", "poids"),
    ("always", "toujours"),
    ("never", "jamais"),
];
