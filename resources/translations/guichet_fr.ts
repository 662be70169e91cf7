<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>ActivityProfilesPage</name>
    <message>
        <location filename="../../app/ui/activity_profiles_page.py" line="+86"/>
        <source>Internal name</source>
        <translation>Nom interne</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+19"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="-18"/>
        <location line="+22"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="-21"/>
        <location line="+23"/>
        <source>All events</source>
        <translation>Tous événements</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+25"/>
        <source>All tariff types</source>
        <translation>Tous types tarif</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Channel</source>
        <translation>Filière</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+7"/>
        <location line="+5"/>
        <source>Season</source>
        <translation>Saison</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>New</source>
        <translation>+ NOUVEAU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>SUPPRIMER</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate</source>
        <translation>DUPLIQUER</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy from another season…</source>
        <translation>COPIER DEPUIS AUTRE SAISON…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sales channel</source>
        <translation>Filière de vente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Internal name (FR)</source>
        <translation>Nom interne (FR)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Internal name (EN)</source>
        <translation>Nom interne (EN)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Internal name (ES)</source>
        <translation>Nom interne (ES)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tariffs</source>
        <translation>Tarifs</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save</source>
        <translation>ENREGISTRER</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activity profile</source>
        <translation>Profil activité</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+19"/>
        <location line="+114"/>
        <source>Activity profiles</source>
        <translation>Profils activité</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>All seasons</source>
        <translation>Toutes les saisons</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Activity profile %1</source>
        <translation>Profil activité %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New activity profile</source>
        <translation>Nouveau profil activité</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Delete activity profile</source>
        <translation>Supprimer le profil activité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete activity profile %1?</source>
        <translation>Supprimer le profil activité %1 ?</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Copy from another season</source>
        <translation>Copier depuis une autre saison</translation>
    </message>
</context>
<context>
    <name>ChannelsPage</name>
    <message>
        <location filename="../../app/ui/channels_page.py" line="+55"/>
        <location line="+12"/>
        <location line="+18"/>
        <location line="+9"/>
        <location line="+21"/>
        <location line="+6"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>Internal name</source>
        <translation>Nom interne</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+14"/>
        <source>Internal/external</source>
        <translation>Interne/externe</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+15"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="-14"/>
        <location line="+41"/>
        <location line="+182"/>
        <source>Points of sale</source>
        <translation>Points de vente</translation>
    </message>
    <message>
        <location line="-222"/>
        <location line="+15"/>
        <source>Visible</source>
        <translation>Visible</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+64"/>
        <source>New</source>
        <translation>+ NOUVEAU</translation>
    </message>
    <message>
        <location line="-63"/>
        <location line="+28"/>
        <source>Delete</source>
        <translation>SUPPRIMER</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Internal name (FR)</source>
        <translation>Nom interne (FR)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Internal name (EN)</source>
        <translation>Nom interne (EN)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Internal name (ES)</source>
        <translation>Nom interne (ES)</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+51"/>
        <source>Save</source>
        <translation>ENREGISTRER</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>Sales channel</source>
        <translation>Filière de vente</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+9"/>
        <location line="+21"/>
        <location line="+6"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="-35"/>
        <location line="+9"/>
        <location line="+45"/>
        <location line="+175"/>
        <source>Payment modes</source>
        <translation>Modes de paiement</translation>
    </message>
    <message>
        <location line="-225"/>
        <source>New point of sale</source>
        <translation>+ NOUVEAU POINT DE VENTE</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save point of sale</source>
        <translation>ENREGISTRER LE POINT DE VENTE</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+7"/>
        <source>Waiting account</source>
        <translation>Compte d&apos;attente</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Payment mode</source>
        <translation>Mode de paiement</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+23"/>
        <location line="+60"/>
        <source>Sales channels</source>
        <translation>Filières de vente</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>Sales channels and points of sale</source>
        <translation>Filières de vente et points de vente</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>waiting account</source>
        <translation>compte d&apos;attente</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Sales channel %1</source>
        <translation>Filière de vente %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New sales channel</source>
        <translation>Nouvelle filière de vente</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Delete sales channel</source>
        <translation>Supprimer la filière de vente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete sales channel %1?</source>
        <translation>Supprimer la filière de vente %1 ?</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Delete point of sale</source>
        <translation>Supprimer le point de vente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete point of sale %1?</source>
        <translation>Supprimer le point de vente %1 ?</translation>
    </message>
</context>
<context>
    <name>ContingentsPage</name>
    <message>
        <location filename="../../app/ui/contingents_page.py" line="+59"/>
        <source>Internal name</source>
        <translation>Nom interne</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+15"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="-14"/>
        <location line="+26"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="-25"/>
        <location line="+22"/>
        <source>Exclusive</source>
        <translation>Exclusif</translation>
    </message>
    <message>
        <location line="-21"/>
        <location line="+16"/>
        <source>Colour</source>
        <translation>Couleur</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>New</source>
        <translation>+ NOUVEAU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>SUPPRIMER</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+54"/>
        <location line="+76"/>
        <source>Contingents</source>
        <translation>Contingents</translation>
    </message>
    <message>
        <location line="-126"/>
        <source>Internal name (FR)</source>
        <translation>Nom interne (FR)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Internal name (EN)</source>
        <translation>Nom interne (EN)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Internal name (ES)</source>
        <translation>Nom interne (ES)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visible</source>
        <translation>Visible</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hidden</source>
        <translation>Masqué</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text colour</source>
        <translation>Couleur du texte</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+144"/>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <location line="-140"/>
        <source>Entries/exits</source>
        <translation>Nbre entrées/sorties</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Target: external channel</source>
        <translation>Cible : filière externe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channels</source>
        <translation>Filières de vente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All internal channels</source>
        <translation>Toutes filières internes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allowed channels</source>
        <translation>Filières autorisées</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save</source>
        <translation>ENREGISTRER</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>ANNULER</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contingent</source>
        <translation>Contingent</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Contingent %1</source>
        <translation>Contingent %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New contingent</source>
        <translation>Nouveau contingent</translation>
    </message>
    <message>
        <location line="+55"/>
        <location line="+9"/>
        <source>Delete contingent</source>
        <translation>Supprimer le contingent</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Delete contingent %1?</source>
        <translation>Supprimer le contingent %1 ?</translation>
    </message>
</context>
<context>
    <name>CopySeasonDialog</name>
    <message>
        <location filename="../../app/ui/activity_profiles_page.py" line="-246"/>
        <source>Copy profiles from another season</source>
        <translation>Copier les profils depuis une autre saison</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Copy the profiles of season</source>
        <translation>Copier les profils de la saison</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Into season</source>
        <translation>Dans la saison</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copies are drafts: validate them after review. Events are matched by code.</source>
        <translation>Les copies sont des brouillons : validez-les après relecture. Les événements sont retrouvés par leur code.</translation>
    </message>
</context>
<context>
    <name>CountersPage</name>
    <message>
        <location filename="../../app/ui/counters_page.py" line="+42"/>
        <source>Include non-numbered</source>
        <translation>Inclus non-num.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Performance</source>
        <translation>Séance</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cat:</source>
        <translation>Cat :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cont:</source>
        <translation>Cont :</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Counter</source>
        <translation>Compteur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whole plan</source>
        <translation>Plan entier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter</source>
        <translation>Filtre</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Contingent</source>
        <translation>Contingent</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Seat plan counters</source>
        <translation>Compteurs du plan de salle</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Share of the hall (filter)</source>
        <translation>Part de la salle (filtre)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>By contingent</source>
        <translation>Par contingent</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+45"/>
        <source>Counters</source>
        <translation>Compteurs</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>All</source>
        <translation>Tous</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
</context>
<context>
    <name>CountersPanel</name>
    <message>
        <location filename="../../app/ui/seatplan_panels.py" line="+39"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Free seats</source>
        <translation>Places libres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locked seats</source>
        <translation>Places verrouillées</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Blocked seats</source>
        <translation>Places bloquées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reserved seats</source>
        <translation>Places réservées</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sold seats</source>
        <translation>Places vendues</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invalid seats</source>
        <translation>Places invalides</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sold not controlled</source>
        <translation>Vendues non contrôlées</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+4"/>
        <source>All</source>
        <translation>Tous</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Include non-numbered</source>
        <translation>Inclus non-num.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Counter</source>
        <translation>Compteur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whole plan</source>
        <translation>Plan entier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter</source>
        <translation>Filtre</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cat:</source>
        <translation>Cat :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cont:</source>
        <translation>Cont :</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Counters</source>
        <translation>Compteurs</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Share of the hall: %1</source>
        <translation>Part de la salle : %1</translation>
    </message>
</context>
<context>
    <name>CouponsDialog</name>
    <message>
        <location filename="../../app/ui/till/coupons_preview.py" line="+35"/>
        <source>Management coupons of order %1</source>
        <translation>Coupons de gestion de la commande %1</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n management coupon(s): they give no entry</source>
        <translation>
            <numerusform>%n coupon de gestion : il ne donne pas accès à la salle</numerusform>
            <numerusform>%n coupons de gestion : ils ne donnent pas accès à la salle</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print…</source>
        <translation>Imprimer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as PDF…</source>
        <translation>Enregistrer en PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Save the management coupons</source>
        <translation>Enregistrer les coupons de gestion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+22"/>
        <source>Management coupons</source>
        <translation>Coupons de gestion</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../app/ui/widgets.py" line="+41"/>
        <source>The inventory is busy (another workstation is writing); try again.</source>
        <translation>L’inventaire est occupé (un autre poste est en train d’écrire) ; réessayez.</translation>
    </message>
</context>
<context>
    <name>ExecutionDetails</name>
    <message>
        <location filename="../../app/ui/executions/details.py" line="+95"/>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+160"/>
        <source>Rerun</source>
        <translation>Relancer</translation>
    </message>
    <message>
        <location line="-159"/>
        <location line="+175"/>
        <source>Export to Excel</source>
        <translation>Exporter vers Excel</translation>
    </message>
    <message>
        <location line="-174"/>
        <source>Copy the log</source>
        <translation>Copier le journal</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Choose an execution to see its log.</source>
        <translation>Choisissez une exécution pour voir son journal.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Executions</source>
        <translation>Exécutions</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Status:</source>
        <translation>Statut :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>created %1, ended %2</source>
        <translation>créée le %1, terminée le %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rerun of #%1</source>
        <translation>Relance de l&apos;exécution n° %1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>First error</source>
        <translation>Première erreur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open the schedules</source>
        <translation>Ouvrir les programmations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the backup folder of the schedule: it must exist and be writable by the scheduler.</source>
        <translation>Vérifiez le dossier de sauvegarde de la programmation : il doit exister et être accessible en écriture au planificateur.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>See the held lines</source>
        <translation>Voir les lignes retenues</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This line was held and the feed went on: fix its cause, then Retry it in the held lines.</source>
        <translation>Cette ligne a été retenue et le flux a continué : corrigez sa cause, puis reprenez-la dans les lignes retenues.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Rerunning #%1…</source>
        <translation>Relance de l&apos;exécution n° %1…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rerun: execution #%1, %2</source>
        <translation>Relance : exécution n° %1, %2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Log written to %1</source>
        <translation>Journal enregistré dans %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export the log</source>
        <translation>Exporter le journal</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The details are in the clipboard.</source>
        <translation>Les détails sont dans le presse-papiers.</translation>
    </message>
</context>
<context>
    <name>ExecutionDetailsDialog</name>
    <message>
        <location filename="../../app/ui/seatplan_panels.py" line="+288"/>
        <source>Execution details</source>
        <translation>Détails de l&apos;exécution</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Execution</source>
        <translation>Exécution</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interface</source>
        <translation>Interface</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Contingent</source>
        <translation>Contingent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Created</source>
        <translation>Créée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>Démarrée</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ended</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counts</source>
        <translation>Quantités</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First error</source>
        <translation>Première erreur</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where</source>
        <translation>Contexte</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Log</source>
        <translation>Journal</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No log yet: the execution has not run.</source>
        <translation>Aucun journal pour l&apos;instant : l&apos;exécution n&apos;a pas encore été lancée.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>External</source>
        <translation>Externe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Configuration</source>
        <translation>Configuration</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mapping</source>
        <translation>Correspondance</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Technical</source>
        <translation>Technique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cascade</source>
        <translation>Cascade</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
</context>
<context>
    <name>Executions</name>
    <message>
        <location filename="../../app/ui/executions/details.py" line="-261"/>
        <source>Rerun</source>
        <translation>Relancer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The distributor refused or did not answer: rerun; if it fails again, call the distributor.</source>
        <translation>Le distributeur a refusé ou n&apos;a pas répondu : relancez ; en cas de nouvel échec, appelez le distributeur.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the interface</source>
        <translation>Ouvrir l&apos;interface</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Something is missing or wrong in the interface&apos;s set-up (address, login, password, options).</source>
        <translation>Il manque quelque chose ou une erreur s&apos;est glissée dans le paramétrage de l&apos;interface (adresse, connexion, mot de passe, options).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the mappings</source>
        <translation>Ouvrir les correspondances</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A code of the distributor has no correspondence here: fill the mapping, then rerun.</source>
        <translation>Un code du distributeur n&apos;a pas de correspondance ici : renseignez la correspondance, puis relancez.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the details for support</source>
        <translation>Copier les détails pour le support</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An unexpected technical failure: copy the details and send them to your support.</source>
        <translation>Une panne technique inattendue : copiez les détails et envoyez-les à votre support.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Go to the error above</source>
        <translation>Aller à l&apos;erreur d&apos;origine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This line follows from an earlier error: fix that one.</source>
        <translation>Cette ligne découle d&apos;une erreur précédente : corrigez celle-ci.</translation>
    </message>
    <message>
        <location filename="../../app/ui/executions/models.py" line="+34"/>
        <source>By hand</source>
        <translation>Manuel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seat plan</source>
        <translation>Plan de salle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule</source>
        <translation>Programmation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sales file</source>
        <translation>Fichier de ventes</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
</context>
<context>
    <name>ExecutionsModel</name>
    <message>
        <location line="+26"/>
        <source>No.</source>
        <translation>N°</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>Créée le</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interface</source>
        <translation>Interface</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Function</source>
        <translation>Fonction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trigger</source>
        <translation>Déclenchement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule</source>
        <translation>Programmation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First error</source>
        <translation>Première erreur</translation>
    </message>
</context>
<context>
    <name>ExecutionsPanel</name>
    <message>
        <location filename="../../app/ui/seatplan_panels.py" line="-141"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interface</source>
        <translation>Interface</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contingent</source>
        <translation>Contingent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Execution details…</source>
        <translation>Détails de l&apos;exécution…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Export allotments</source>
        <translation>Export contingents</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sales reintegration</source>
        <translation>Réintégration des ventes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allocated and sold counts</source>
        <translation>Places allouées et vendues</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database backup</source>
        <translation>Sauvegarde de la base</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Done</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done with warnings</source>
        <translation>Terminée avec avertissements</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Done with held lines</source>
        <translation>Terminée avec lignes retenues</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error</source>
        <translation>En erreur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Skipped</source>
        <translation>Sautée</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Execution details</source>
        <translation>Détails de l&apos;exécution</translation>
    </message>
</context>
<context>
    <name>ExecutionsView</name>
    <message>
        <location filename="../../app/ui/executions/overview.py" line="+58"/>
        <location line="+75"/>
        <location line="+4"/>
        <location line="+24"/>
        <source>Executions</source>
        <translation>Exécutions</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>All interfaces</source>
        <translation>Toutes les interfaces</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All functions</source>
        <translation>Toutes les fonctions</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All statuses</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All triggers</source>
        <translation>Tous les déclenchements</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All schedules</source>
        <translation>Toutes les programmations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+75"/>
        <source>Held lines</source>
        <translation>Lignes retenues</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Held lines (%1)</source>
        <translation>Lignes retenues (%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> (scroll for more)</source>
        <translation> (faites défiler pour la suite)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 execution(s) shown</source>
        <translation>%1 exécution(s) affichée(s)</translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message>
        <location filename="../../app/ui/seatplan_export.py" line="+60"/>
        <location line="+66"/>
        <location line="+9"/>
        <location line="+21"/>
        <source>Contingent export</source>
        <translation>Export des contingents</translation>
    </message>
    <message>
        <location line="-84"/>
        <source>You have made changes to seats that external resellers may be using: their allotments must be exported for the resellers to take them into account.</source>
        <translation>Vous avez procédé à des modifications sur des sièges susceptibles d&apos;être utilisés par des revendeurs externes : leurs contingents doivent être exportés pour que les revendeurs en tiennent compte.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run a contingent export now?</source>
        <translation>Exécuter maintenant un export de contingents ?</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Export contingents</source>
        <translation>Exporter les contingents</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 pending</source>
        <translation>%1 en attente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 failed</source>
        <translation>%1 en échec</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No distributor contingent on this plan.</source>
        <translation>Aucun contingent de distributeur sur ce plan.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Export queued: %1</source>
        <translation>Export mis en attente : %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Export of %1: execution #%2 %3</source>
        <translation>Export de %1 : exécution n° %2 %3</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>done</source>
        <translation>terminée</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>done with warnings</source>
        <translation>terminée avec avertissements</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>done, lines held</source>
        <translation>terminée, lignes en attente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>en échec</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Seats never go straight from one distributor to another. Do it in two steps:

1. remove the seats from the first distributor&apos;s contingent and block them, then export;
2. once that export has run, assign them to the other distributor, unblock them and export again.</source>
        <translation>Les places ne passent jamais directement d&apos;un distributeur à un autre. Procédez en deux étapes :

1. retirez les places du contingent du premier distributeur et bloquez-les, puis lancez l&apos;export ;
2. une fois cet export exécuté, attribuez-les à l&apos;autre distributeur, débloquez-les et relancez l&apos;export.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Guichet can do both steps now, with the exports between them: the seats are only given to %1 once the first export has succeeded.</source>
        <translation>Guichet peut faire les deux étapes maintenant, avec les exports entre elles : les places ne sont données à %1 qu&apos;une fois le premier export réussi.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+49"/>
        <source>Move between distributors</source>
        <translation>Passage d&apos;un distributeur à un autre</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Move in two steps</source>
        <translation>Déplacer en deux étapes</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Moving the seats in two steps, with the exports…</source>
        <translation>Déplacement des places en deux étapes, avec les exports…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The move did not finish.</source>
        <translation>Le déplacement n&apos;est pas allé jusqu&apos;au bout.</translation>
    </message>
</context>
<context>
    <name>FileImportDialog</name>
    <message>
        <location filename="../../app/ui/sync_runs/file_import.py" line="+58"/>
        <source>Import a sales file</source>
        <translation>Importer un fichier de ventes</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The distributor&apos;s sales file (CSV or Excel)</source>
        <translation>Le fichier de ventes du distributeur (CSV ou Excel)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recognise from the file</source>
        <translation>Reconnu d&apos;après le fichier</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+5"/>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Ticket</source>
        <translation>Billet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Performance</source>
        <translation>Séance</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Seat</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>Tariff</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tickets</source>
        <translation>Billets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lines</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Totals</source>
        <translation>Totaux</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reintegrate</source>
        <translation>Réintégrer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Interface</source>
        <translation>Interface</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Sales file</source>
        <translation>Fichier de ventes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sales files (*.csv *.txt *.xlsx);;All files (*)</source>
        <translation>Fichiers de ventes (*.csv *.txt *.xlsx);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Choose an interface and a file first.</source>
        <translation>Choisissez d&apos;abord une interface et un fichier.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>sale</source>
        <translation>vente</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>cancellation</source>
        <translation>annulation</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Errors (%1)</source>
        <translation>Erreurs (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (%2): %3 error(s): fix the file or the mappings; nothing can be reintegrated.</source>
        <translation>%1 (%2) : %3 erreur(s) : corrigez le fichier ou les correspondances ; rien ne peut être réintégré.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (%2): nothing new — its %3 line(s) were reintegrated before.</source>
        <translation>%1 (%2) : rien de nouveau — ses %3 ligne(s) ont déjà été réintégrées.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2): %3 line(s), %4 new, amount %5. Reintegrate commits them all or none.</source>
        <translation>%1 (%2) : %3 ligne(s), %4 nouvelle(s), montant %5. Réintégrer les enregistre toutes ou aucune.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(the first %1 lines are listed)</source>
        <translation>(les %1 premières lignes sont listées)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Refused: %1</source>
        <translation>Refusé : %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reintegrating %1…</source>
        <translation>Réintégration de %1…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Execution #%1 %2: %3 sale(s), %4 cancellation(s), %5 already reintegrated</source>
        <translation>Exécution n° %1 %2 : %3 vente(s), %4 annulation(s), %5 déjà réintégrée(s)</translation>
    </message>
</context>
<context>
    <name>FirstRunAssistant</name>
    <message>
        <location filename="../../app/ui/first_run/assistant.py" line="+91"/>
        <location line="+160"/>
        <source>Welcome to Guichet</source>
        <translation>Bienvenue dans Guichet</translation>
    </message>
    <message>
        <location line="-146"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt; Back</source>
        <translation>&lt; Précédent</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+154"/>
        <source>Next &gt;</source>
        <translation>Suivant &gt;</translation>
    </message>
    <message>
        <location line="-139"/>
        <source>Guichet needs a database before its first use: on this PC only, or on a PostgreSQL server shared by several workstations. This assistant creates it with your venue, this workstation&apos;s point of sale and the first manager.</source>
        <translation>Guichet a besoin d&apos;une base de données avant sa première utilisation : sur ce PC seulement, ou sur un serveur PostgreSQL partagé par plusieurs postes. Cet assistant la crée avec votre salle, le point de vente de ce poste et le premier responsable.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Just looking?</source>
        <translation>Simple découverte ?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open Guichet on a demonstration venue (an opera house, its distributors, sales): nothing of yours is created.</source>
        <translation>Ouvrir Guichet sur une salle de démonstration (un opéra, ses distributeurs, des ventes) : rien des vôtres n&apos;est créé.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Try with demo data</source>
        <translation>Essayer avec les données de démonstration</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This PC only</source>
        <translation>Ce PC seulement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A PostgreSQL server shared by several workstations</source>
        <translation>Un serveur PostgreSQL partagé par plusieurs postes</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A SQLite file in your data folder: %1</source>
        <translation>Un fichier SQLite dans votre dossier de données : %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+62"/>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>The password is kept in this workstation&apos;s keyring, never in a file.</source>
        <translation>Le mot de passe est gardé dans le trousseau de ce poste, jamais dans un fichier.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Test the connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>e.g. Théâtre municipal</source>
        <translation>par ex. Théâtre municipal</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Venue name</source>
        <translation>Nom de la salle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time zone</source>
        <translation>Fuseau horaire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The name heads the printed reports; the schedules run in the time zone.</source>
        <translation>Le nom figure en tête des états imprimés ; les programmations s&apos;exécutent dans ce fuseau horaire.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Box office 1</source>
        <translation>Guichet 1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The point of sale of this workstation (%1): its sales and payments are counted there. Other workstations add theirs at their first start.</source>
        <translation>Le point de vente de ce poste (%1) : ses ventes et ses encaissements y sont comptés. Les autres postes choisissent le leur à leur premier démarrage.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Point of sale</source>
        <translation>Point de vente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The first manager: they add the other operators and configure the venue.</source>
        <translation>Le premier responsable : il ajoute les autres opérateurs et configure la salle.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Full name</source>
        <translation>Nom complet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Password again</source>
        <translation>Mot de passe (confirmation)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Where are the data kept?</source>
        <translation>Où sont gardées les données ?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your venue</source>
        <translation>Votre salle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This workstation</source>
        <translation>Ce poste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The first manager</source>
        <translation>Le premier responsable</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Create and start</source>
        <translation>Créer et démarrer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Enter the venue&apos;s name.</source>
        <translation>Saisissez le nom de la salle.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a time zone of the list (e.g. Europe/Paris).</source>
        <translation>Choisissez un fuseau horaire de la liste (par ex. Europe/Paris).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter the point of sale&apos;s name and code.</source>
        <translation>Saisissez le nom et le code du point de vente.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>the server</source>
        <translation>le serveur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the database</source>
        <translation>la base de données</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the user</source>
        <translation>l&apos;utilisateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter %1.</source>
        <translation>Saisissez %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Enter the manager&apos;s login and password.</source>
        <translation>Saisissez l&apos;identifiant et le mot de passe du responsable.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The two passwords differ.</source>
        <translation>Les deux mots de passe diffèrent.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Creating the database…</source>
        <translation>Création de la base de données…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opening the database…</source>
        <translation>Ouverture de la base de données…</translation>
    </message>
</context>
<context>
    <name>GeneralTab</name>
    <message>
        <location filename="../../app/ui/interfaces/general_tab.py" line="+33"/>
        <source>line %1: expected name=value</source>
        <translation>ligne %1 : nom=valeur attendu</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Interface type</source>
        <translation>Type d&apos;interface</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>External sales</source>
        <translation>Ventes externes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Distributor</source>
        <translation>Distributeur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>External channel</source>
        <translation>Filière externe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Internal name (FR)</source>
        <translation>Nom interne (FR)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Internal name (EN)</source>
        <translation>Nom interne (EN)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Internal name (ES)</source>
        <translation>Nom interne (ES)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Login</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the stored password</source>
        <translation>Effacer le mot de passe enregistré</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting account</source>
        <translation>Compte d&apos;attente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Point of sale</source>
        <translation>Point de vente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reseller price</source>
        <translation>Prise en compte des prix revendeurs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commission (%)</source>
        <translation>Commission (%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>0 to 100, 2 decimals (e.g. 7.50); empty: none</source>
        <translation>de 0 à 100, 2 décimales (ex. 7,50) ; vide : aucune</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visible</source>
        <translation>Visible</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hidden</source>
        <translation>Masquée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mails on failure</source>
        <translation>Destinataires de notifications d&apos;exécutions en erreur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Options</source>
        <translation>Options</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name=value, one per line (e.g. manager_code=…)</source>
        <translation>nom=valeur, un par ligne (ex. manager_code=…)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save</source>
        <translation>ENREGISTRER</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>(choose)</source>
        <translation>(choisir)</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+8"/>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>waiting account</source>
        <translation>compte d&apos;attente</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Reading the keyring…</source>
        <translation>Lecture du trousseau…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>cannot be stored</source>
        <translation>ne peut pas être enregistré</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No password can be stored: %1</source>
        <translation>Aucun mot de passe ne peut être enregistré : %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>stored — type a new one to replace it</source>
        <translation>enregistré — en saisir un nouveau pour le remplacer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A password is stored in the keyring %1; it is never written to the database.</source>
        <translation>Un mot de passe est conservé dans le trousseau %1 ; il n&apos;est jamais écrit dans la base de données.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none stored</source>
        <translation>aucun enregistré</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passwords are kept in the keyring %1, never in the database.</source>
        <translation>Les mots de passe sont conservés dans le trousseau %1, jamais dans la base de données.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Interface</source>
        <translation>Interface</translation>
    </message>
</context>
<context>
    <name>HeldLines</name>
    <message>
        <location filename="../../app/ui/executions/held_lines.py" line="+39"/>
        <source>Add the missing mapping, then Retry.</source>
        <translation>Ajoutez la correspondance manquante, puis Reprendre.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change the interface&apos;s reseller price policy (or the tariff), then Retry.</source>
        <translation>Changez la prise en compte des prix revendeurs de l&apos;interface (ou le tarif), puis Reprendre.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Complete the interface&apos;s set-up, then Retry.</source>
        <translation>Complétez le paramétrage de l&apos;interface, puis Reprendre.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the seat or ticket with the distributor; Retry when settled, or Dismiss with the reason.</source>
        <translation>Vérifiez la place ou le billet avec le distributeur ; Reprendre une fois réglé, ou Écarter en donnant la raison.</translation>
    </message>
</context>
<context>
    <name>HeldLinesView</name>
    <message>
        <location line="+14"/>
        <source>No.</source>
        <translation>N°</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held on</source>
        <translation>Retenue le</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interface</source>
        <translation>Interface</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ticket</source>
        <translation>Billet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cause</source>
        <translation>Cause</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open the fix</source>
        <translation>Ouvrir la correction</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+106"/>
        <source>Retry</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <location line="-105"/>
        <source>Dismiss…</source>
        <translation>Écarter…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No held line: every line the distributors sent was applied.</source>
        <translation>Aucune ligne retenue : toutes les lignes envoyées par les distributeurs ont été appliquées.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What fixes it</source>
        <translation>Ce qui la corrige</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Raw line as the distributor sent it</source>
        <translation>Ligne brute telle que le distributeur l&apos;a envoyée</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>sale</source>
        <translation>vente</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>cancellation</source>
        <translation>annulation</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Held lines</source>
        <translation>Lignes retenues</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Retrying line #%1…</source>
        <translation>Reprise de la ligne n° %1…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Retry of line #%1: execution #%2, %3</source>
        <translation>Reprise de la ligne n° %1 : exécution n° %2, %3</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+9"/>
        <source>Dismiss</source>
        <translation>Écarter</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>A held line is dismissed only with a reason.</source>
        <translation>Une ligne retenue ne s&apos;écarte qu&apos;avec une raison.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 line(s) dismissed</source>
        <translation>%1 ligne(s) écartée(s)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Dismiss the held line</source>
        <translation>Écarter la ligne retenue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why is this line given up? (kept with it)</source>
        <translation>Pourquoi abandonner cette ligne ? (la raison est conservée avec elle)</translation>
    </message>
</context>
<context>
    <name>InterfacesPage</name>
    <message>
        <location filename="../../app/ui/interfaces/page.py" line="+36"/>
        <source>External sales</source>
        <translation>Ventes externes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show hidden</source>
        <translation>Voir masquées</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Internal name</source>
        <translation>Nom interne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Distributor</source>
        <translation>Distributeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>Filière</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+30"/>
        <source>Mappings</source>
        <translation>Correspondances</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Held</source>
        <translation>Retenues</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Visible</source>
        <translation>Visible</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hidden</source>
        <translation>Masquée</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New</source>
        <translation>+ NOUVEAU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>SUPPRIMER</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+110"/>
        <source>Hide</source>
        <translation>MASQUER</translation>
    </message>
    <message>
        <location line="-106"/>
        <location line="+59"/>
        <source>Interfaces</source>
        <translation>Liste des interfaces</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>General</source>
        <translation>Général</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Schedules</source>
        <translation>Programmations</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Executions</source>
        <translation>Exécutions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pre-flight check</source>
        <translation>Vérification préalable</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>New interface</source>
        <translation>Nouvelle interface</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show</source>
        <translation>AFFICHER</translation>
    </message>
    <message>
        <location line="+48"/>
        <location line="+6"/>
        <source>Delete interface</source>
        <translation>Supprimer l&apos;interface</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>%1 has %2. Deleting it would destroy that history: hide it instead?</source>
        <translation>%1 a %2. La supprimer détruirait cet historique : la masquer plutôt ?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Delete interface %1 and its stored password?</source>
        <translation>Supprimer l&apos;interface %1 et son mot de passe enregistré ?</translation>
    </message>
</context>
<context>
    <name>Journal</name>
    <message>
        <location filename="../../app/ui/journal_page.py" line="+48"/>
        <source>Sale</source>
        <translation>Vente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invitation</source>
        <translation>Invitation (exonéré)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print</source>
        <translation>Impression</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reprint</source>
        <translation>Réimpression</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancellation</source>
        <translation>Annulation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Distributor sale</source>
        <translation>Vente distributeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Distributor cancellation</source>
        <translation>Annulation distributeur</translation>
    </message>
</context>
<context>
    <name>JournalModel</name>
    <message>
        <location line="+53"/>
        <source>No.</source>
        <translation>N°</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Nature</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Operator</source>
        <translation>Opérateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Workstation</source>
        <translation>Poste</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Point of sale</source>
        <translation>Point de vente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>Filière</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Show</source>
        <translation>Spectacle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Performance</source>
        <translation>Séance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seat / zone</source>
        <translation>Place / zone</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tariff</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment</source>
        <translation>Paiement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ticket</source>
        <translation>Billet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Corrects</source>
        <translation>Corrige</translation>
    </message>
    <message>
        <location line="+144"/>
        <source>Hash: %1
Previous hash: %2</source>
        <translation>Empreinte : %1
Empreinte précédente : %2</translation>
    </message>
</context>
<context>
    <name>JournalPage</name>
    <message>
        <location line="+47"/>
        <location line="+71"/>
        <location line="+24"/>
        <location line="+140"/>
        <location line="+27"/>
        <location line="+11"/>
        <source>Operations journal</source>
        <translation>Journal des opérations</translation>
    </message>
    <message>
        <location line="-251"/>
        <source>All performances</source>
        <translation>Toutes les séances</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>All kinds</source>
        <translation>Toutes natures</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the first</source>
        <translation>la première</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verify the chain</source>
        <translation>Vérifier la chaîne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>View the ticket</source>
        <translation>Voir le billet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Performance</source>
        <translation>Séance</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>Nature</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From n°</source>
        <translation>À partir du n°</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Every ticketing operation, numbered and chained: this screen reads it and changes nothing.</source>
        <translation>Toutes les opérations de billetterie, numérotées et chaînées : cet écran les lit et ne modifie rien.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Reading the journal…</source>
        <translation>Lecture du journal…</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%n operation(s)</source>
        <translation>
            <numerusform>%n opération</numerusform>
            <numerusform>%n opérations</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>last n° %1</source>
        <translation>dernier n° %1</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Ticket</source>
        <translation>Billet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Verifying the chain…</source>
        <translation>Vérification de la chaîne…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Export the journal</source>
        <translation>Exporter le journal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV (*.csv);;JSON lines (*.jsonl)</source>
        <translation>CSV (*.csv);;Lignes JSON (*.jsonl)</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%n operation(s) written to %1</source>
        <translation>
            <numerusform>%n opération écrite dans %1</numerusform>
            <numerusform>%n opérations écrites dans %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <location filename="../../app/ui/seatplan_panels.py" line="-255"/>
        <source>No contingent</source>
        <translation>Sans contingent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sold</source>
        <translation>Vendue</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reserved</source>
        <translation>Réservée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locked (in a basket)</source>
        <translation>Verrouillée (dans un panier)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Blocked</source>
        <translation>Bloquée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invalid</source>
        <translation>Invalide</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Selected</source>
        <translation>Sélectionnée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not sellable here (sale mode)</source>
        <translation>Non vendable ici (mode Vente)</translation>
    </message>
</context>
<context>
    <name>LogModel</name>
    <message>
        <location filename="../../app/ui/executions/models.py" line="+90"/>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where</source>
        <translation>Où</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/app.py" line="+104"/>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="+59"/>
        <source>Database: %1</source>
        <translation>Base de données : %1</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>manager</source>
        <translation>responsable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cashier</source>
        <translation>caissier</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Box office</source>
        <translation>Billetterie</translation>
    </message>
    <message>
        <location filename="../../app/cli/selftest.py" line="+100"/>
        <location filename="../../app/ui/main_window.py" line="+36"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="+3"/>
        <source>&amp;Lock the till</source>
        <translation>&amp;Verrouiller la caisse</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Import a sales file…</source>
        <translation>&amp;Importer un fichier de ventes…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Guichet</source>
        <translation>À &amp;propos de Guichet</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>auditor (read-only)</source>
        <translation>contrôleur (lecture seule)</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The new language applies the next time Guichet starts.</source>
        <translation>La nouvelle langue s&apos;appliquera au prochain démarrage de Guichet.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>About Guichet</source>
        <translation>À propos de Guichet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Guichet %1 — box office for venues selling through distributors.</source>
        <translation>Guichet %1 — billetterie des salles qui vendent par des distributeurs.</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <location filename="../../app/ui/interfaces/mapping_dialog.py" line="+26"/>
        <location line="+89"/>
        <source>Mapping</source>
        <translation>Correspondance</translation>
    </message>
    <message>
        <location line="-89"/>
        <source>New mapping</source>
        <translation>Nouvelle correspondance</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data</source>
        <translation>Donnée</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Local object</source>
        <translation>Objet local</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generic: this code in every logical configuration</source>
        <translation>Générique : ce code dans toutes les configurations logiques</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Season</source>
        <translation>Saison</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(the object&apos;s)</source>
        <translation>(celle de l&apos;objet)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>External id</source>
        <translation>ID externe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 15, or 15|20|22 for several codes</source>
        <translation>ex. 15, ou 15|20|22 pour plusieurs codes</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>every configuration</source>
        <translation>toutes les configurations</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>choose the local object</source>
        <translation>choisissez l&apos;objet local</translation>
    </message>
</context>
<context>
    <name>MappingsTab</name>
    <message>
        <location filename="../../app/ui/interfaces/mappings_tab.py" line="+34"/>
        <source>All data</source>
        <translation>Toutes les données</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>External id…</source>
        <translation>ID externe…</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+23"/>
        <source>Data</source>
        <translation>Donnée</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+22"/>
        <source>Season</source>
        <translation>Saison</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Local name</source>
        <translation>Nom local</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>External id</source>
        <translation>ID externe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Object</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>generic</source>
        <translation>générique</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>New</source>
        <translation>+ NOUVEAU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>SUPPRIMER</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export to Excel</source>
        <translation>EXPORTER VERS EXCEL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import from Excel</source>
        <translation>IMPORTER DEPUIS EXCEL</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Export mappings</source>
        <translation>Exporter les correspondances</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Classeur Excel (*.xlsx)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Import mappings</source>
        <translation>Importer des correspondances</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>All seasons</source>
        <translation>Toutes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All products</source>
        <translation>Tous les produits</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Mappings</source>
        <translation>Correspondances</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n mapping(s)</source>
        <translation>
            <numerusform>%n correspondance</numerusform>
            <numerusform>%n correspondances</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Delete mappings</source>
        <translation>Supprimer des correspondances</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete %n mapping(s)?</source>
        <translation>
            <numerusform>Supprimer %n correspondance ?</numerusform>
            <numerusform>Supprimer %n correspondances ?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Export to Excel</source>
        <comment>dialog title</comment>
        <translation>Exporter vers Excel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2 mapping(s), %3 object(s) still unmapped (sheet &apos;Unmapped&apos;).</source>
        <translation>%1 : %2 correspondance(s), %3 objet(s) encore sans correspondance (feuille « Unmapped »).</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+4"/>
        <source>Import from Excel</source>
        <comment>dialog title</comment>
        <translation>Importer depuis Excel</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The workbook was not imported: %n error(s). Nothing was saved.</source>
        <translation>
            <numerusform>Le classeur n&apos;a pas été importé : %n erreur. Rien n&apos;a été enregistré.</numerusform>
            <numerusform>Le classeur n&apos;a pas été importé : %n erreurs. Rien n&apos;a été enregistré.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <location filename="../../app/ui/pages.py" line="+92"/>
        <source>Catalogue</source>
        <translation>Catalogue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seat plans</source>
        <translation>Plans de salle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Distributors</source>
        <translation>Distributeurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedules</source>
        <translation>Programmation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Executions</source>
        <translation>Exécutions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reports</source>
        <translation>Rapports</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Administration</source>
        <translation>Administration</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Activity profiles</source>
        <translation>Profils activité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counters</source>
        <translation>Compteurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seat plan</source>
        <translation>Plan de salle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sales channels</source>
        <translation>Filières de vente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contingents</source>
        <translation>Contingents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interfaces</source>
        <translation>Liste des interfaces</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Operations journal</source>
        <translation>Journal des opérations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operators</source>
        <translation>Opérateurs</translation>
    </message>
</context>
<context>
    <name>OperatorsPage</name>
    <message>
        <location filename="../../app/ui/operators_page.py" line="+30"/>
        <source>manager</source>
        <translation>responsable</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>cashier</source>
        <translation>caissier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>auditor (read-only)</source>
        <translation>contrôleur (lecture seule)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+29"/>
        <source>Login</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location line="-28"/>
        <location line="+29"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="-28"/>
        <location line="+29"/>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OS user</source>
        <translation>Utilisateur système</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locked until</source>
        <translation>Verrouillé jusqu&apos;à</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Disable</source>
        <translation>Désactiver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enable</source>
        <translation>Réactiver</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New password or PIN</source>
        <translation>Nouveau mot de passe ou code PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset password</source>
        <translation>Réinitialiser le mot de passe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operators</source>
        <translation>Opérateurs</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New operator</source>
        <translation>Nouvel opérateur</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Password or PIN</source>
        <translation>Mot de passe ou code PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OS user (optional)</source>
        <translation>Utilisateur système (facultatif)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Managers need a password of at least 8 characters; cashiers may use a PIN of 4 to 8 digits. The OS user bound to an operator starts the command line without a password.</source>
        <translation>Les responsables ont un mot de passe d&apos;au moins 8 caractères ; les caissiers peuvent utiliser un code PIN de 4 à 8 chiffres. L&apos;utilisateur système lié à un opérateur lance la ligne de commande sans mot de passe.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Only a manager may change the operators.</source>
        <translation>Seul un responsable peut modifier les opérateurs.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Operator %1 added.</source>
        <translation>Opérateur %1 ajouté.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Select an operator first.</source>
        <translation>Sélectionnez d&apos;abord un opérateur.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Operator %1 enabled.</source>
        <translation>Opérateur %1 réactivé.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Operator %1 disabled.</source>
        <translation>Opérateur %1 désactivé.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>New password of %1 set.</source>
        <translation>Nouveau mot de passe de %1 enregistré.</translation>
    </message>
</context>
<context>
    <name>OrdersDialog</name>
    <message>
        <location filename="../../app/ui/till/orders_dialog.py" line="+39"/>
        <source>Cancel tickets</source>
        <translation>Annuler des billets</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>paid</source>
        <translation>payée</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>open</source>
        <translation>ouverte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sold</source>
        <translation>vendu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reserved</source>
        <translation>réservé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator</source>
        <translation>Opérateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tickets</source>
        <translation>Billets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment</source>
        <translation>Paiement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ticket</source>
        <translation>Billet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seat</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tariff</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reprint the tickets</source>
        <translation>Réimprimer les billets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the checked tickets</source>
        <translation>Annuler les billets cochés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the order</source>
        <translation>Annuler la commande</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Refund by</source>
        <translation>Rembourser par</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Refund %1 EUR (%2) by %3 on %4</source>
        <translation>Remboursement %1 EUR (%2) par %3 le %4</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Check the tickets to cancel first.</source>
        <translation>Cochez d&apos;abord les billets à annuler.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Cancel and refund %n ticket(s) of order %1?</source>
        <translation>
            <numerusform>Annuler et rembourser %n billet de la commande %1 ?</numerusform>
            <numerusform>Annuler et rembourser %n billets de la commande %1 ?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel and refund the whole order %1?</source>
        <translation>Annuler et rembourser toute la commande %1 ?</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Order %1: %2 EUR refunded.</source>
        <translation>Commande %1 : %2 EUR remboursés.</translation>
    </message>
</context>
<context>
    <name>PreflightTab</name>
    <message>
        <location filename="../../app/ui/interfaces/check_tab.py" line="+27"/>
        <source>Check now</source>
        <translation>VÉRIFIER</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What would fail</source>
        <translation>Ce qui échouerait</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fix</source>
        <translation>Correction</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What would make a synchronisation fail, with the error class it would raise. Each button opens the screen where it is fixed.</source>
        <translation>Ce qui ferait échouer une synchronisation, avec la classe d&apos;erreur qui en résulterait. Chaque bouton ouvre l&apos;écran où corriger le problème.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>All events on sale through the channel</source>
        <translation>Tous les événements en vente par la filière</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Pre-flight check</source>
        <translation>Vérification préalable</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Ready: nothing missing (%1 event(s), %2 performance(s), %3 object(s) checked).</source>
        <translation>Prêt : rien ne manque (%1 événement(s), %2 séance(s), %3 objet(s) vérifiés).</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n problem(s) would make a synchronisation fail.</source>
        <translation>
            <numerusform>%n problème ferait échouer une synchronisation.</numerusform>
            <numerusform>%n problèmes feraient échouer une synchronisation.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note: %1</source>
        <translation>Remarque : %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add the mapping…</source>
        <translation>Ajouter la correspondance…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the interface</source>
        <translation>Ouvrir l&apos;interface</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open activity profiles</source>
        <translation>Ouvrir les profils activité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open contingents</source>
        <translation>Ouvrir les contingents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open sales channels</source>
        <translation>Ouvrir les filières de vente</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
</context>
<context>
    <name>ReconciliationDialog</name>
    <message>
        <location filename="../../app/ui/sync_runs/reconciliation.py" line="+30"/>
        <source>Allocated and sold — %1</source>
        <translation>Places allouées et vendues — %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allocated and sold at %1 and here</source>
        <translation>Places allouées et vendues chez %1 et ici</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Performance</source>
        <translation>Séance</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Allocated there</source>
        <translation>Allouées là-bas</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Allocated here</source>
        <translation>Allouées ici</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sold there</source>
        <translation>Vendues là-bas</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sold here</source>
        <translation>Vendues ici</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ask again</source>
        <translation>Redemander</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not run: %1</source>
        <translation>Non exécuté : %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Asking %1…</source>
        <translation>Interrogation de %1…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Export again</source>
        <translation>Exporter à nouveau</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reintegrate</source>
        <translation>Réintégrer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>See the held lines</source>
        <translation>Voir les lignes en attente</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>in agreement</source>
        <translation>en accord</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 performance(s), %2 difference(s) (execution #%3)</source>
        <translation>%1 séance(s), %2 écart(s) (exécution n° %3)</translation>
    </message>
</context>
<context>
    <name>ReportPreview</name>
    <message>
        <location filename="../../app/ui/reports/preview.py" line="+34"/>
        <source>Preview — %1</source>
        <translation>Aperçu — %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Print…</source>
        <translation>Imprimer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as PDF…</source>
        <translation>Enregistrer en PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as Excel…</source>
        <translation>Enregistrer en Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 page(s)</source>
        <translation>%1 page(s)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Save as PDF</source>
        <translation>Enregistrer en PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save as Excel</source>
        <translation>Enregistrer en Excel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Classeur Excel (*.xlsx)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Saved: %1</source>
        <translation>Enregistré : %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Print</source>
        <translation>Imprimer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The printer could not be started.</source>
        <translation>L&apos;imprimante n&apos;a pas pu démarrer.</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../app/ui/reports/__init__.py" line="+43"/>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Generate</source>
        <translation>Générer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sale sheet</source>
        <translation>Feuille de mise en vente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partner statement</source>
        <translation>Décompte pour les partenaires</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Digitick allotment (to phone in)</source>
        <translation>Allotement Digitick (à communiquer par téléphone)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Takings consolidation</source>
        <translation>Consolidation des encaissements</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Takings statement (from the journal)</source>
        <translation>Relevé de recettes (d&apos;après le journal)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gauge by block, door, sector and level</source>
        <translation>Jauge par bloc-porte-secteur-niveau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What a distributor needs to put an event on sale, our codes beside theirs. Its Excel workbook, once filled, imports back as the interface&apos;s mappings.</source>
        <translation>Ce qu&apos;il faut à un distributeur pour mettre un événement en vente, nos codes à côté des siens. Son classeur Excel, une fois rempli, s&apos;importe comme correspondances de l&apos;interface.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What a distributor sold and cancelled over the period, its commission and the amount due on the waiting account.</source>
        <translation>Ce qu&apos;un distributeur a vendu et annulé sur la période, sa commission et le montant dû au compte d&apos;attente.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Digitick takes no allotment online: the sheet to read out on the phone.</source>
        <translation>Digitick ne reçoit pas d&apos;allotement en ligne : la feuille à lire au téléphone.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Takings per day, channel, point of sale and payment mode, with totals.</source>
        <translation>Encaissements par jour, filière, point de vente et mode de paiement, avec les totaux.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The statement of a performance, or of one day (period from = to): tickets issued per category and tariff, free tickets, cancellations, takings, from the operations journal.</source>
        <translation>Le relevé d&apos;une séance, ou d&apos;une journée (période du = au) : billets émis par catégorie et tarif, exonérés, annulations, recette, d&apos;après le journal des opérations.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Capacity, sold, reserved, blocked and free places per zone and block, and per contingent.</source>
        <translation>Capacité, places vendues, réservées, bloquées et libres par zone et bloc, et par contingent.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Distributors</source>
        <translation>Distributeurs</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Takings</source>
        <translation>Encaissements</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inventory</source>
        <translation>Jauges</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>REPORT TYPE</source>
        <translation>TYPE DE RAPPORT</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>REPORT</source>
        <translation>RAPPORT</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filters</source>
        <translation>Filtres</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interface</source>
        <translation>Interface</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Performance</source>
        <translation>Séance</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>from</source>
        <translation>du</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+96"/>
        <source>Reports</source>
        <translation>Rapports</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>(all events)</source>
        <translation>(tous les événements)</translation>
    </message>
</context>
<context>
    <name>RunButtons</name>
    <message>
        <location filename="../../app/ui/sync_runs/buttons.py" line="+19"/>
        <source>Export allotments</source>
        <translation>Export des contingents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reintegrate sales</source>
        <translation>Réintégration des ventes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allocated/sold counts</source>
        <translation>Places allouées/vendues</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import a sales file…</source>
        <translation>Importer un fichier de ventes…</translation>
    </message>
</context>
<context>
    <name>RunDialog</name>
    <message>
        <location filename="../../app/ui/sync_runs/run_dialog.py" line="+52"/>
        <source>every performance of the interface</source>
        <translation>toutes les séances de l&apos;interface</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scope: %1</source>
        <translation>Portée : %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Confirm export</source>
        <translation>Confirmer l&apos;export</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel run</source>
        <translation>Arrêter l&apos;exécution</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A run goes on in the background when this window is closed; Cancel run stops it</source>
        <translation>Une exécution continue en arrière-plan quand cette fenêtre est fermée ; Arrêter l&apos;exécution l&apos;interrompt</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Cancelling: the run stops after the batch under way…</source>
        <translation>Arrêt demandé : l&apos;exécution s&apos;arrête après le lot en cours…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reading the distributor&apos;s allotment…</source>
        <translation>Lecture du contingent chez le distributeur…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Running…</source>
        <translation>Exécution en cours…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>At the distributor: %1 seat(s) or place(s) added, %2 removed</source>
        <translation>Chez le distributeur : %1 place(s) ajoutée(s), %2 retirée(s)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing has been sent yet: Confirm export sends the allotment.</source>
        <translation>Rien n&apos;a encore été envoyé : Confirmer l&apos;export envoie le contingent.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dry run %1 (execution #%2)</source>
        <translation>Simulation %1 (exécution n° %2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Execution #%1 %2</source>
        <translation>Exécution n° %1 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Execution #%1 cancelled: what was committed stays; running it again goes on from there</source>
        <translation>Exécution n° %1 arrêtée : ce qui a été enregistré reste ; la relancer reprend à partir de là</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not run: %1</source>
        <translation>Non exécuté : %1</translation>
    </message>
</context>
<context>
    <name>SaleDialog</name>
    <message>
        <location filename="../../app/ui/till/sale_dialog.py" line="+30"/>
        <location line="+48"/>
        <source>Confirm the sale</source>
        <translation>Confirmer la vente</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Total: %1 EUR</source>
        <translation>Total : %1 EUR</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n seat(s) — point of sale %1</source>
        <translation>
            <numerusform>%n place — point de vente %1</numerusform>
            <numerusform>%n places — point de vente %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Payment</source>
        <translation>Paiement</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Amount given (EUR)</source>
        <translation>Montant remis (EUR)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <translation>Rendu</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Customer (optional)</source>
        <translation>Client (facultatif)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postcode</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>This point of sale has no payment mode: a manager must add one.</source>
        <translation>Ce point de vente n&apos;a aucun mode de paiement : un responsable doit en ajouter un.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>not an amount</source>
        <translation>ce n&apos;est pas un montant</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 EUR missing</source>
        <translation>il manque %1 EUR</translation>
    </message>
</context>
<context>
    <name>SaleLinesModel</name>
    <message>
        <location filename="../../app/ui/seatplan_panels.py" line="+17"/>
        <source>Seat</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tariff</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>no price</source>
        <translation>sans prix</translation>
    </message>
</context>
<context>
    <name>SalePanel</name>
    <message>
        <location line="+57"/>
        <source>Sell</source>
        <translation>Vendre</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tariff for all:</source>
        <translation>Tarif pour toutes :</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%n seat(s), total %1 EUR</source>
        <translation>
            <numerusform>%n place, total %1 EUR</numerusform>
            <numerusform>%n places, total %1 EUR</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScheduleEditor</name>
    <message>
        <location filename="../../app/ui/schedules/editor.py" line="+94"/>
        <source>Schedule &gt; New</source>
        <translation>Programmation &gt; Nouveau</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Schedule &gt; %1</source>
        <translation>Programmation &gt; %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Automatic</source>
        <translation>Automatique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manual</source>
        <translation>Manuel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every N minutes</source>
        <translation>Toutes les N minutes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Every N hours</source>
        <translation>Toutes les N heures</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Daily at</source>
        <translation>Chaque jour à</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chosen weekdays at</source>
        <translation>Jours choisis à</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mon</source>
        <translation>lun</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tue</source>
        <translation>mar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Wed</source>
        <translation>mer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Thu</source>
        <translation>jeu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fri</source>
        <translation>ven</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sat</source>
        <translation>sam</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sun</source>
        <translation>dim</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>days before each performance</source>
        <translation>jours avant chaque séance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>days after each performance</source>
        <translation>jours après chaque séance</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>all at once</source>
        <translation>tout en une fois</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>event code (optional)</source>
        <translation>code de l&apos;événement (facultatif)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>EV@YYYY-MM-DD hh:mm (optional)</source>
        <translation>EV@AAAA-MM-JJ hh:mm (facultatif)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>file or folder to transfer (Guichet-file interface)</source>
        <translation>fichier ou dossier à transférer (interface Fichier Guichet)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the folder the copies are written into</source>
        <translation>le dossier où les copies sont écrites</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e-mail addresses, comma separated (optional)</source>
        <translation>adresses e-mail, séparées par des virgules (facultatif)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Schedule</source>
        <translation>Programmer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run now</source>
        <translation>Exécution immédiate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Interface type</source>
        <translation>Type interface</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interface</source>
        <translation>Interface</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Function</source>
        <translation>Fonction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start mode</source>
        <translation>Mode de lancement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name (French)</source>
        <translation>Nom (français)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name (English)</source>
        <translation>Nom (anglais)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name (Spanish)</source>
        <translation>Nom (espagnol)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Frequency</source>
        <translation>Fréquence</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Next run</source>
        <translation>Prochaine exécution</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Window start</source>
        <translation>Début de fenêtre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Window end</source>
        <translation>Fin de fenêtre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scope</source>
        <translation>Périmètre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Batch size</source>
        <translation>Taille de lot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Performance</source>
        <translation>Séance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File to transfer</source>
        <translation>Fichier à transférer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backup</source>
        <translation>Sauvegarde</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backups kept</source>
        <translation>Sauvegardes gardées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail on failure to</source>
        <translation>E-mail en cas d&apos;échec à</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Backup folder</source>
        <translation>Dossier de sauvegarde</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Choose an interface.</source>
        <translation>Choisissez une interface.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the folder the backups are written into.</source>
        <translation>Choisissez le dossier où les sauvegardes sont écrites.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Schedule saved.</source>
        <translation>Programmation enregistrée.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Schedule saved with a pre-flight warning: %1</source>
        <translation>Programmation enregistrée avec un avertissement du contrôle préalable : %1</translation>
    </message>
</context>
<context>
    <name>Schedules</name>
    <message>
        <location filename="../../app/ui/schedules/overview.py" line="+25"/>
        <source>Export allotments</source>
        <translation>Export des contingents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reintegrate sales</source>
        <translation>Réintégration des ventes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allocated / sold counts</source>
        <translation>Comptages alloués / vendus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database backup</source>
        <translation>Sauvegarde de la base</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done with held lines</source>
        <translation>Terminée avec lignes retenues</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skipped</source>
        <translation>Sautée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location line="+158"/>
        <source>Execution #%1: %2</source>
        <translation>Exécution n° %1 : %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Running…</source>
        <translation>Exécution en cours…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Schedules</source>
        <translation>Programmation</translation>
    </message>
</context>
<context>
    <name>SchedulesList</name>
    <message>
        <location line="-150"/>
        <source>Interface name</source>
        <translation>Nom interface</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interface type</source>
        <translation>Type interface</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Function</source>
        <translation>Fonction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last execution</source>
        <translation>Dernière exécution</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Internal name</source>
        <translation>Nom interne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mode</source>
        <translation>Prog</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next run</source>
        <translation>Prochaine exécution</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pre-flight</source>
        <translation>Contrôle préalable</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Search…</source>
        <translation>Rechercher…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>+ New</source>
        <translation>+ Nouveau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+47"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Run now</source>
        <translation>Exécution immédiate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Automatic</source>
        <translation>Automatique</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Manual</source>
        <translation>Manuel</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+33"/>
        <location line="+11"/>
        <location line="+5"/>
        <source>Schedules</source>
        <translation>Programmation</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Schedule resumed.</source>
        <translation>Programmation reprise.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule paused: it runs no more until resumed.</source>
        <translation>Programmation en pause : elle ne s&apos;exécute plus jusqu&apos;à sa reprise.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Delete this schedule? Its executions stay in the history.</source>
        <translation>Supprimer cette programmation ? Ses exécutions restent dans l&apos;historique.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Schedule deleted.</source>
        <translation>Programmation supprimée.</translation>
    </message>
</context>
<context>
    <name>SchedulesPage</name>
    <message>
        <location line="+31"/>
        <source>This workstation runs the due schedules while Guichet is open</source>
        <translation>Ce poste exécute les programmations dues tant que Guichet est ouvert</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Schedules</source>
        <translation>Programmation</translation>
    </message>
</context>
<context>
    <name>SeatPlanPage</name>
    <message>
        <location filename="../../app/ui/seatplan_page.py" line="+21"/>
        <source>Open the seat plan</source>
        <translation>Ouvrir le plan de salle</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Performance</source>
        <translation>Séance</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+18"/>
        <source>Seat plan</source>
        <translation>Plan de salle</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Managers allocate seats to contingents and block them; cashiers sell from the plan (Sale mode). Drag to select, Shift adds, Ctrl removes, the wheel zooms.</source>
        <translation>Les responsables attribuent les places aux contingents et les bloquent ; les caissiers vendent depuis le plan (mode Vente). Glisser pour sélectionner, Maj ajoute, Ctrl retire, la molette zoome.</translation>
    </message>
</context>
<context>
    <name>SeatPlanWindow</name>
    <message>
        <location filename="../../app/ui/seatplan_window.py" line="+44"/>
        <source>Performance: %1 &gt; %2</source>
        <translation>Séance : %1 &gt; %2</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Loading the seat plan…</source>
        <translation>Chargement du plan de salle…</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+27"/>
        <location line="+208"/>
        <source>Seat plan</source>
        <translation>Plan de salle</translation>
    </message>
    <message>
        <location line="-204"/>
        <source>Allocation</source>
        <translation>Attribution</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+92"/>
        <source>Sale</source>
        <translation>Vente</translation>
    </message>
    <message>
        <location line="-86"/>
        <source>Orders…</source>
        <translation>Commandes…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cont:</source>
        <translation>Cont :</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Assign</source>
        <translation>Attribuer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put the selected seats in the current contingent</source>
        <translation>Mettre les places sélectionnées dans le contingent choisi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove from contingent</source>
        <translation>Retirer du contingent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Block</source>
        <translation>Bloquer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unblock</source>
        <translation>Débloquer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Select</source>
        <translation>Sélectionner</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+113"/>
        <source>Clear selection</source>
        <translation>Effacer la sélection</translation>
    </message>
    <message>
        <location line="-108"/>
        <source>All seats of a category</source>
        <translation>Toutes les places d&apos;une catégorie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All seats of a contingent</source>
        <translation>Toutes les places d&apos;un contingent</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fit</source>
        <translation>Ajuster</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom in</source>
        <translation>Zoom avant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom out</source>
        <translation>Zoom arrière</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export contingents</source>
        <translation>Exporter les contingents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queue an allotment export for the distributors whose seats changed</source>
        <translation>Lancer un export des contingents pour les distributeurs dont les places ont changé</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No contingent</source>
        <translation>Sans contingent</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Legend</source>
        <translation>Légende</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Counters</source>
        <translation>Compteurs</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Execution status</source>
        <translation>Statut des exécutions</translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>Selection: %n seat(s)</source>
        <translation>
            <numerusform>Sélection : %n place</numerusform>
            <numerusform>Sélection : %n places</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Selection: none</source>
        <translation>Sélection : aucune</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Select row %1</source>
        <translation>Sélectionner le rang %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Select block %1</source>
        <translation>Sélectionner le bloc %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/seatplan_tooltip.py" line="+20"/>
        <source>free</source>
        <translation>libre</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>sold</source>
        <translation>vendue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reserved</source>
        <translation>réservée</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>invalid</source>
        <translation>invalide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>blocked</source>
        <translation>bloquée</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>locked</source>
        <translation>verrouillée</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Row %1, seat %2</source>
        <translation>Rang %1, place %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category: %1</source>
        <translation>Catégorie : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contingent: %1</source>
        <translation>Contingent : %1</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>State: %1</source>
        <translation>État : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price: %1</source>
        <translation>Prix : %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not sellable here: %1</source>
        <translation>Non vendable ici : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/seatplan_window.py" line="+22"/>
        <source>Select seats first.</source>
        <translation>Sélectionnez d&apos;abord des places.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pick a contingent first.</source>
        <translation>Choisissez d&apos;abord un contingent.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message numerus="yes">
        <location line="+38"/>
        <source>%n seat(s) changed.</source>
        <translation>
            <numerusform>%n place modifiée.</numerusform>
            <numerusform>%n places modifiées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n seat(s) not changed: %1</source>
        <translation>
            <numerusform>%n place non modifiée : %1</numerusform>
            <numerusform>%n places non modifiées : %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+72"/>
        <source>Order %1: %n seat(s) sold, total %2 EUR</source>
        <translation>
            <numerusform>Commande %1 : %n place vendue, total %2 EUR</numerusform>
            <numerusform>Commande %1 : %n places vendues, total %2 EUR</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="+46"/>
        <location line="+231"/>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location line="-219"/>
        <source>sqlite:///PATH or postgresql://USER@HOST:PORT/DATABASE</source>
        <translation>sqlite:///CHEMIN ou postgresql://UTILISATEUR@HÔTE:PORT/BASE</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unchanged</source>
        <translation>inchangé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test the connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+165"/>
        <source>Database</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <location line="-164"/>
        <source>Database password</source>
        <translation>Mot de passe de la base</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+160"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location line="-158"/>
        <source>Point of sale of this workstation</source>
        <translation>Point de vente de ce poste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This workstation runs the due schedules while Guichet is open</source>
        <translation>Ce poste exécute les programmations dues tant que Guichet est ouvert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Schedules</source>
        <translation>Programmation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+152"/>
        <source>Lock the till after</source>
        <translation>Verrouiller la caisse après</translation>
    </message>
    <message>
        <location line="-151"/>
        <source>⟳ applies the next time Guichet starts.</source>
        <translation>⟳ s&apos;applique au prochain démarrage de Guichet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This workstation</source>
        <translation>Ce poste</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+29"/>
        <source>Venue</source>
        <translation>Salle</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Venue name</source>
        <translation>Nom de la salle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time zone</source>
        <translation>Fuseau horaire</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E-mails of failed executions (SMTP)</source>
        <translation>E-mails des exécutions en échec (SMTP)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send an e-mail when an execution fails</source>
        <translation>Envoyer un e-mail quand une exécution échoue</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none (in clear)</source>
        <translation>aucune (en clair)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Security</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sender</source>
        <translation>Expéditeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>stored in %1 (unchanged)</source>
        <translation>gardé dans %1 (inchangé)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Shared by every workstation of this database.</source>
        <translation>Communs à tous les postes de cette base de données.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shared by every workstation of this database; only a manager changes them.</source>
        <translation>Communs à tous les postes de cette base de données ; seul un responsable les modifie.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Saved. These apply the next time Guichet starts: %1.</source>
        <translation>Enregistré. S&apos;appliquent au prochain démarrage de Guichet : %1.</translation>
    </message>
</context>
<context>
    <name>Setup</name>
    <message>
        <location filename="../../app/ui/setup_widgets.py" line="+60"/>
        <source>Internal</source>
        <translation>Interne</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+8"/>
        <location line="+24"/>
        <source>External</source>
        <translation>Externe</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Box office</source>
        <translation>Guichet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Web</source>
        <translation>Web</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Distributor</source>
        <translation>Distributeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collectivity/Group</source>
        <translation>Collectivité/Groupe</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Guichet file</source>
        <translation>Fichier Guichet</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Error if the distributor&apos;s price differs</source>
        <translation>Erreur si le prix du distributeur diffère</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take our price</source>
        <translation>Prendre notre prix</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take the distributor&apos;s price</source>
        <translation>Prendre le prix du distributeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events / products / performances / articles</source>
        <translation>Événements / produits / séances / articles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Geographic zones</source>
        <translation>Zones géographiques</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seat categories</source>
        <translation>Catégories de place</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logical configurations</source>
        <translation>Configurations logiques</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audience sub-categories</source>
        <translation>Sous-catégories de public</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dated pass</source>
        <translation>Pass daté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undated pass</source>
        <translation>Pass non daté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service</source>
        <translation>Prestation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Article</source>
        <translation>Article</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Performance</source>
        <translation>Séance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Block</source>
        <translation>Bloc</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seat category</source>
        <translation>Catégorie de place</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logical configuration</source>
        <translation>Configuration logique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tariff</source>
        <translation>Sous-cat. public</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validated</source>
        <translation>Validé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Configuration</source>
        <translation>Configuration</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mapping</source>
        <translation>Correspondance</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Technical</source>
        <translation>Technique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cascade</source>
        <translation>Cascade</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>non</translation>
    </message>
    <message>
        <location line="+147"/>
        <source>Pick a colour</source>
        <translation>Choisir une couleur</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Products</source>
        <translation>Produits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zones</source>
        <translation>Zones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Categories</source>
        <translation>Catégories</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Configurations</source>
        <translation>Configurations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tariffs</source>
        <translation>Tarifs</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../app/ui/login.py" line="+39"/>
        <source>Sign in — Guichet</source>
        <translation>Connexion — Guichet</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Login</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password or PIN</source>
        <translation>Mot de passe ou code PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password again</source>
        <translation>Mot de passe (confirmation)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Point of sale of this workstation</source>
        <translation>Point de vente de ce poste</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quit Guichet</source>
        <translation>Quitter Guichet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The session of %1 is locked after a while without activity. Sign in again, as the same operator or another.</source>
        <translation>La session de %1 est verrouillée après un moment d&apos;inactivité. Reconnectez-vous, comme le même opérateur ou un autre.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sign in with your login and your password (or your PIN).</source>
        <translation>Connectez-vous avec votre identifiant et votre mot de passe (ou votre code PIN).</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>No operator yet: create the first manager of this database.</source>
        <translation>Aucun opérateur : créez le premier responsable de cette base.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create and sign in</source>
        <translation>Créer et se connecter</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Enter your login and your password.</source>
        <translation>Saisissez votre identifiant et votre mot de passe.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The two passwords differ.</source>
        <translation>Les deux mots de passe diffèrent.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This database has no box-office point of sale yet.</source>
        <translation>Cette base n&apos;a pas encore de point de vente de billetterie.</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../app/ui/app.py" line="-48"/>
        <location line="+33"/>
        <source>Guichet</source>
        <translation>Guichet</translation>
    </message>
</context>
<context>
    <name>SyncRuns</name>
    <message>
        <location filename="../../app/ui/sync_runs/digitick.py" line="+29"/>
        <location line="+29"/>
        <location line="+8"/>
        <location line="+6"/>
        <source>Allotment sheet</source>
        <translation>Feuille de contingent</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>Performance</source>
        <translation>Séance</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>No performance has seats in this interface&apos;s contingents.</source>
        <translation>Aucune séance n&apos;a de places dans les contingents de cette interface.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_runs/progress.py" line="+93"/>
        <source>%1 of %2 done, %3 line(s)</source>
        <translation>%1 sur %2 fait(s), %3 ligne(s)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 page(s) done, %2 line(s)</source>
        <translation>%1 page(s) faite(s), %2 ligne(s)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_runs/run_dialog.py" line="-152"/>
        <source>Export allotments</source>
        <translation>Export des contingents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reintegrate sales</source>
        <translation>Réintégration des ventes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allocated/sold counts</source>
        <translation>Places allouées/vendues</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>finished</source>
        <translation>terminée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>finished with warnings</source>
        <translation>terminée avec avertissements</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>finished, lines held</source>
        <translation>terminée, lignes en attente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>en échec</translation>
    </message>
</context>
<context>
    <name>TicketsDialog</name>
    <message>
        <location filename="../../app/ui/till/sale_flow.py" line="+92"/>
        <location filename="../../app/ui/till/tickets_preview.py" line="+184"/>
        <location line="+16"/>
        <source>Tickets</source>
        <translation>Billets</translation>
    </message>
    <message>
        <location filename="../../app/ui/till/tickets_preview.py" line="-103"/>
        <source>Ticket n° %1</source>
        <translation>Billet n° %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tickets of order %1</source>
        <translation>Billets de la commande %1</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n ticket(s)</source>
        <translation>
            <numerusform>%n billet</numerusform>
            <numerusform>%n billets</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print…</source>
        <translation>Imprimer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as PDF…</source>
        <translation>Enregistrer en PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>An auditor views the tickets: printing them is a ticketing operation</source>
        <translation>Un contrôleur consulte les billets : les imprimer est une opération de billetterie</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Ticket</source>
        <translation>Billet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show</source>
        <translation>Spectacle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Performance</source>
        <translation>Séance</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seat</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tariff</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exempt / Free</source>
        <translation>Exonéré / Gratuit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued by operation</source>
        <translation>Émis par l’opération</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Venue</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sold at</source>
        <translation>Vendu le</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sold by</source>
        <translation>Vendu à</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Save the tickets</source>
        <translation>Enregistrer les billets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>_WindowBound</name>
    <message>
        <location filename="../../app/ui/schedules/editor.py" line="-315"/>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>at</source>
        <translation>à</translation>
    </message>
</context>
</TS>
