<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
  <context>
    <name>ChoiceList</name>
    <message>
      <source>Nothing selected</source>
      <translation>Nada seleccionado</translation>
    </message>
    <message>
      <source>Select all</source>
      <translation>Seleccionar todo</translation>
    </message>
    <message>
      <source>none</source>
      <translation>ninguna</translation>
    </message>
    <message>
      <source>{0} of {1}</source>
      <translation>{0} de {1}</translation>
    </message>
  </context>
  <context>
    <name>CohortFilters</name>
    <message>
      <source>Adult (&gt;= 18 y)</source>
      <translation>Adulto (&gt;= 18 años)</translation>
    </message>
    <message>
      <source>Age at the latest procedure (today when there is none)</source>
      <translation>Edad en el último procedimiento (hoy si no hay ninguno)</translation>
    </message>
    <message>
      <source>Age group</source>
      <translation>Grupo de edad</translation>
    </message>
    <message>
      <source>Age:</source>
      <translation>Edad:</translation>
    </message>
    <message>
      <source>All ages</source>
      <translation>Todas las edades</translation>
    </message>
    <message>
      <source>All diagnoses</source>
      <translation>Todos los diagnósticos</translation>
    </message>
    <message>
      <source>All procedures</source>
      <translation>Todos los procedimientos</translation>
    </message>
    <message>
      <source>Diagnoses to show</source>
      <translation>Diagnósticos que se muestran</translation>
    </message>
    <message>
      <source>From:</source>
      <translation>Desde:</translation>
    </message>
    <message>
      <source>Latest procedure on or after</source>
      <translation>Último procedimiento desde el</translation>
    </message>
    <message>
      <source>Latest procedure on or before</source>
      <translation>Último procedimiento hasta el</translation>
    </message>
    <message>
      <source>Latest procedure types to show</source>
      <translation>Tipos de último procedimiento que se muestran</translation>
    </message>
    <message>
      <source>No procedure yet</source>
      <translation>Sin procedimiento todavía</translation>
    </message>
    <message>
      <source>Paediatric (&lt; 18 y)</source>
      <translation>Pediátrico (&lt; 18 años)</translation>
    </message>
    <message>
      <source>Procedure:</source>
      <translation>Procedimiento:</translation>
    </message>
    <message>
      <source>Reset filters</source>
      <translation>Restablecer filtros</translation>
    </message>
    <message>
      <source>To:</source>
      <translation>Hasta:</translation>
    </message>
    <message>
      <source>any</source>
      <translation>cualquiera</translation>
    </message>
    <message>
      <source>{0}:</source>
      <translation>{0}:</translation>
    </message>
  </context>
  <context>
    <name>CohortPlot</name>
    <message>
      <source>50 % improvement (Vaezi)</source>
      <translation>Mejoría del 50 % (Vaezi)</translation>
    </message>
    <message>
      <source>Box plot by procedure type: {label}, change (%)</source>
      <translation>Diagrama de caja por tipo de procedimiento: {label}, cambio (%)</translation>
    </message>
    <message>
      <source>No patient measured before and after treatment ({label})</source>
      <translation>Ningún paciente medido antes y después del tratamiento ({label})</translation>
    </message>
    <message>
      <source>{label}: change (%)</source>
      <translation>{label}: cambio (%)</translation>
    </message>
    <message>
      <source>{name} (n={count})</source>
      <translation>{name} (n={count})</translation>
    </message>
  </context>
  <context>
    <name>CohortStatsModel</name>
    <message>
      <source>All treated</source>
      <translation>Todos los tratados</translation>
    </message>
    <message>
      <source>Every patient with a procedure, each under their latest one</source>
      <translation>Cada paciente con un procedimiento, bajo el último que tuvo</translation>
    </message>
    <message>
      <source>Median and interquartile range. Quartiles by linear interpolation between order statistics (statistics.quantiles, method '{0}'; as R's default and Excel's QUARTILE.INC); the range needs at least 2 patients.</source>
      <translation>Mediana y rango intercuartílico (RIC). Cuartiles por interpolación lineal entre estadísticos de orden (statistics.quantiles, método '{0}'; como el valor por defecto de R y CUARTIL.INC de Excel); el rango necesita al menos 2 pacientes.</translation>
    </message>
    <message>
      <source>Patients</source>
      <translation>Pacientes</translation>
    </message>
    <message>
      <source>Patients measured before and after the procedure ({label})</source>
      <translation>Pacientes medidos antes y después del procedimiento ({label})</translation>
    </message>
    <message>
      <source>Patients whose latest procedure is of this type</source>
      <translation>Pacientes cuyo último procedimiento es de este tipo</translation>
    </message>
    <message>
      <source>Patients with this finding / patients to whom the rule applied (%)</source>
      <translation>Pacientes con este hallazgo / pacientes a los que se aplicó la regla (%)</translation>
    </message>
    <message>
      <source>n/a</source>
      <translation>n/d</translation>
    </message>
    <message>
      <source>{0} ({1} to {2})</source>
      <translation>{0} ({1} a {2})</translation>
    </message>
    <message>
      <source>{label}: before and after</source>
      <translation>{label}: antes y después</translation>
    </message>
    <message>
      <source>{label}: change, median (IQR) %</source>
      <translation>{label}: cambio, mediana (RIC) %</translation>
    </message>
  </context>
  <context>
    <name>CohortTableModel</name>
    <message>
      <source>Age</source>
      <translation>Edad</translation>
    </message>
    <message>
      <source>Age in completed years at the latest procedure (today when there is none)</source>
      <translation>Edad en años cumplidos en el último procedimiento (hoy si no hay ninguno)</translation>
    </message>
    <message>
      <source>Date of the latest procedure</source>
      <translation>Fecha del último procedimiento</translation>
    </message>
    <message>
      <source>Latest
procedure</source>
      <translation>Último
procedimiento</translation>
    </message>
    <message>
      <source>Latest TBE after the procedure: {0} ({1} days after)</source>
      <translation>Último esofagograma después del procedimiento: {0} ({1} días después)</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Nombre</translation>
    </message>
    <message>
      <source>No TBE after the procedure yet</source>
      <translation>Todavía no hay esofagograma después del procedimiento</translation>
    </message>
    <message>
      <source>No TBE on or before the procedure</source>
      <translation>No hay esofagograma en o antes del procedimiento</translation>
    </message>
    <message>
      <source>No {0}-min film on that study</source>
      <translation>No hay placa al minuto {0} en ese estudio</translation>
    </message>
    <message>
      <source>Reference TBE of {0}</source>
      <translation>Esofagograma de referencia del {0}</translation>
    </message>
    <message>
      <source>The patient's latest procedure; the response columns are its response</source>
      <translation>El último procedimiento del paciente; las columnas de respuesta son su respuesta</translation>
    </message>
    <message>
      <source>no procedure</source>
      <translation>sin procedimiento</translation>
    </message>
    <message>
      <source>{0}: the latest of {1} procedure(s)</source>
      <translation>{0}: el último de {1} procedimiento(s)</translation>
    </message>
    <message>
      <source>{family_name}, {given_name}</source>
      <translation>{family_name}, {given_name}</translation>
    </message>
    <message>
      <source>{label}
after</source>
      <translation>{label}
después</translation>
    </message>
    <message>
      <source>{label}
after ({unit})</source>
      <translation>{label}
después ({unit})</translation>
    </message>
    <message>
      <source>{label}
before</source>
      <translation>{label}
antes</translation>
    </message>
    <message>
      <source>{label}
before ({unit})</source>
      <translation>{label}
antes ({unit})</translation>
    </message>
    <message>
      <source>{label}
change (%)</source>
      <translation>{label}
cambio (%)</translation>
    </message>
    <message>
      <source>{label} on the latest TBE after the procedure.
{about}</source>
      <translation>{label} en el último esofagograma después del procedimiento.
{about}</translation>
    </message>
    <message>
      <source>{label} on the reference TBE (the last one on or before the procedure).
{about}</source>
      <translation>{label} en el esofagograma de referencia (el último en o antes del procedimiento).
{about}</translation>
    </message>
    <message>
      <source>{label}, the last on or before the procedure date ({range})</source>
      <translation>{label}, el último en o antes de la fecha del procedimiento ({range})</translation>
    </message>
    <message>
      <source>{label}, the latest after the procedure ({range})</source>
      <translation>{label}, el último después del procedimiento ({range})</translation>
    </message>
    <message>
      <source>{label}: change, (after - before) / before x 100; negative is a reduction</source>
      <translation>{label}: cambio, (después - antes) / antes x 100; negativo es una reducción</translation>
    </message>
  </context>
  <context>
    <name>CohortView</name>
    <message>
      <source>CSV files (*.csv);;All files (*)</source>
      <translation>Archivos CSV (*.csv);;Todos los archivos (*)</translation>
    </message>
    <message>
      <source>Cohort</source>
      <translation>Cohorte</translation>
    </message>
    <message>
      <source>Cohort: one row per patient, the response to their latest procedure</source>
      <translation>Cohorte: una fila por paciente, la respuesta a su último procedimiento</translation>
    </message>
    <message>
      <source>Could not write {0}: {1}</source>
      <translation>No se pudo escribir {0}: {1}</translation>
    </message>
    <message>
      <source>Eckardt:
symptoms</source>
      <translation>Eckardt:
síntomas</translation>
    </message>
    <message>
      <source>Eckardt: success</source>
      <translation>Eckardt: éxito</translation>
    </message>
    <message>
      <source>Export CSV…</source>
      <translation>Exportar CSV…</translation>
    </message>
    <message>
      <source>Export cohort to CSV</source>
      <translation>Exportar la cohorte a CSV</translation>
    </message>
    <message>
      <source>Export failed</source>
      <translation>La exportación falló</translation>
    </message>
    <message>
      <source>Export the rows shown to a CSV file</source>
      <translation>Exportar las filas mostradas a un archivo CSV</translation>
    </message>
    <message>
      <source>Exported {0} patients to {1}</source>
      <translation>Se exportaron {0} pacientes a {1}</translation>
    </message>
    <message>
      <source>No patient matches these filters: widen them, or press Reset filters.</source>
      <translation>Ningún paciente cumple estos filtros: amplíelos o pulse Restablecer filtros.</translation>
    </message>
    <message>
      <source>No patients yet: add them in the main window with {menu}, {keys}.</source>
      <translation>Todavía no hay pacientes: añádalos en la ventana principal con {menu}, {keys}.</translation>
    </message>
    <message>
      <source>No treated patient among those shown: the statistics need a procedure.</source>
      <translation>Ningún paciente tratado entre los mostrados: las estadísticas necesitan un procedimiento.</translation>
    </message>
    <message>
      <source>Reload</source>
      <translation>Recargar</translation>
    </message>
    <message>
      <source>Reload the cohort from the database</source>
      <translation>Recargar la cohorte desde la base de datos</translation>
    </message>
    <message>
      <source>Rohof:
stasis</source>
      <translation>Rohof:
estasis</translation>
    </message>
    <message>
      <source>Rohof: stasis</source>
      <translation>Rohof: estasis</translation>
    </message>
    <message>
      <source>Sanagapalli:
area</source>
      <translation>Sanagapalli:
área</translation>
    </message>
    <message>
      <source>Sanagapalli: area response</source>
      <translation>Sanagapalli: respuesta en área</translation>
    </message>
    <message>
      <source>Summary by latest procedure</source>
      <translation>Resumen por último procedimiento</translation>
    </message>
    <message>
      <source>Summary by procedure type</source>
      <translation>Resumen por tipo de procedimiento</translation>
    </message>
    <message>
      <source>Suwatthanarak:
concordance</source>
      <translation>Suwatthanarak:
concordancia</translation>
    </message>
    <message>
      <source>Suwatthanarak: discordant</source>
      <translation>Suwatthanarak: discordante</translation>
    </message>
    <message>
      <source>Vaezi:
emptying</source>
      <translation>Vaezi:
vaciamiento</translation>
    </message>
    <message>
      <source>Vaezi: poor emptying</source>
      <translation>Vaezi: vaciamiento deficiente</translation>
    </message>
    <message>
      <source>adequate emptying</source>
      <translation>vaciamiento adecuado</translation>
    </message>
    <message>
      <source>area response</source>
      <translation>respuesta en área</translation>
    </message>
    <message>
      <source>concordant response</source>
      <translation>respuesta concordante</translation>
    </message>
    <message>
      <source>discordant</source>
      <translation>discordante</translation>
    </message>
    <message>
      <source>n/a</source>
      <translation>n/d</translation>
    </message>
    <message>
      <source>no area response</source>
      <translation>sin respuesta en área</translation>
    </message>
    <message>
      <source>no stasis</source>
      <translation>sin estasis</translation>
    </message>
    <message>
      <source>poor emptying</source>
      <translation>vaciamiento deficiente</translation>
    </message>
    <message>
      <source>stasis</source>
      <translation>estasis</translation>
    </message>
    <message>
      <source>success</source>
      <translation>éxito</translation>
    </message>
    <message>
      <source>symptoms not improved</source>
      <translation>síntomas sin mejoría</translation>
    </message>
    <message>
      <source>symptoms persist</source>
      <translation>síntomas persistentes</translation>
    </message>
    <message>
      <source>{0} of {1} patients shown ({2} treated, {3} without a procedure). Eckardt success threshold: ≤ {4}.</source>
      <translation>{0} de {1} pacientes mostrados ({2} tratados, {3} sin procedimiento). Umbral de éxito del puntaje de Eckardt: ≤ {4}.</translation>
    </message>
    <message>
      <source>{title}
Criterion: {criterion}
Meaning: {meaning}
Source: {source}</source>
      <translation>{title}
Criterio: {criterion}
Significado: {meaning}
Fuente: {source}</translation>
    </message>
  </context>
  <context>
    <name>CompareFilms</name>
    <message>
      <source>+ and - zoom both films, arrows or dragging pan both, F fits, I inverts.</source>
      <translation>+ y - amplían o reducen ambas placas, las flechas o arrastrar desplazan ambas, F ajusta, I invierte.</translation>
    </message>
    <message>
      <source>Films before and after</source>
      <translation>Placas antes y después</translation>
    </message>
    <message>
      <source>Height not measured on this film; scale: {0}</source>
      <translation>Altura no medida en esta placa; escala: {0}</translation>
    </message>
    <message>
      <source>Height: {0}</source>
      <translation>Altura: {0}</translation>
    </message>
    <message>
      <source>Not at the same scale: a film is uncalibrated (measure a known object on it first).</source>
      <translation>No están a la misma escala: una placa está sin calibrar (mida primero un objeto conocido en ella).</translation>
    </message>
    <message>
      <source>Same scale on both films: {0} mm per screen pixel.</source>
      <translation>Misma escala en ambas placas: {0} mm por píxel de pantalla.</translation>
    </message>
  </context>
  <context>
    <name>CourseChartWidget</name>
    <message>
      <source>Area (height x width)</source>
      <translation>Área (altura x ancho)</translation>
    </message>
    <message>
      <source>Eckardt score</source>
      <translation>Puntaje de Eckardt</translation>
    </message>
    <message>
      <source>Height</source>
      <translation>Altura</translation>
    </message>
    <message>
      <source>Reference lines (5 cm, 2 cm)</source>
      <translation>Líneas de referencia (5 cm, 2 cm)</translation>
    </message>
    <message>
      <source>Rohof 2013 stasis and Blonski 2018 cut-offs; they are heights, so area mode leaves them out</source>
      <translation>Estasis de Rohof 2013 y puntos de corte de Blonski 2018; son alturas, por eso el modo área no los muestra</translation>
    </message>
    <message>
      <source>Show column area, height times width</source>
      <translation>Mostrar el área de la columna, altura por ancho</translation>
    </message>
    <message>
      <source>Show column height</source>
      <translation>Mostrar la altura de la columna</translation>
    </message>
    <message>
      <source>Show the Eckardt score</source>
      <translation>Mostrar el puntaje de Eckardt</translation>
    </message>
    <message>
      <source>Show the reference lines</source>
      <translation>Mostrar las líneas de referencia</translation>
    </message>
    <message>
      <source>Show:</source>
      <translation>Mostrar:</translation>
    </message>
  </context>
  <context>
    <name>DataActions</name>
    <message>
      <source>&amp;Back up now…</source>
      <translation>&amp;Hacer copia de seguridad ahora…</translation>
    </message>
    <message>
      <source>&amp;Export…</source>
      <translation>E&amp;xportar…</translation>
    </message>
    <message>
      <source>&amp;Import spreadsheet…</source>
      <translation>&amp;Importar hoja de cálculo…</translation>
    </message>
    <message>
      <source>&amp;Print report…</source>
      <translation>Imprimir &amp;informe…</translation>
    </message>
    <message>
      <source>A PostgreSQL database is backed up and restored with the server's own tools (pg_dump, pg_restore): see 'Backups' in the user guide.</source>
      <translation>Una base de datos PostgreSQL se respalda y se restaura con las herramientas del propio servidor (pg_dump, pg_restore): vea 'Copias de seguridad' en la guía del usuario.</translation>
    </message>
    <message>
      <source>A verified copy of the database</source>
      <translation>Una copia verificada de la base de datos</translation>
    </message>
    <message>
      <source>Back up</source>
      <translation>Copia de seguridad</translation>
    </message>
    <message>
      <source>Backing up</source>
      <translation>Haciendo la copia de seguridad</translation>
    </message>
    <message>
      <source>Export</source>
      <translation>Exportar</translation>
    </message>
    <message>
      <source>Exporting</source>
      <translation>Exportando</translation>
    </message>
    <message>
      <source>Exporting FHIR</source>
      <translation>Exportando FHIR</translation>
    </message>
    <message>
      <source>Import CSV/XLSX</source>
      <translation>Importar CSV/XLSX</translation>
    </message>
    <message>
      <source>Patient &amp;report (PDF)…</source>
      <translation>I&amp;nforme del paciente (PDF)…</translation>
    </message>
    <message>
      <source>PostgreSQL is backed up by the server (pg_dump); see the user guide</source>
      <translation>La copia de seguridad de PostgreSQL la hace el servidor (pg_dump); vea la guía del usuario</translation>
    </message>
    <message>
      <source>Preparing the report</source>
      <translation>Preparando el informe</translation>
    </message>
    <message>
      <source>Print the patient report, with a preview</source>
      <translation>Imprimir el informe del paciente, con vista previa</translation>
    </message>
    <message>
      <source>Re&amp;store from backup…</source>
      <translation>Res&amp;taurar desde una copia de seguridad…</translation>
    </message>
    <message>
      <source>Replace the database with a backup (the current file is kept)</source>
      <translation>Reemplazar la base de datos por una copia de seguridad (se conserva el archivo actual)</translation>
    </message>
    <message>
      <source>Replace the open database with {0}?

Everything entered since that backup is set aside: the current file is kept in the backups folder. Open editors are closed first.</source>
      <translation>¿Reemplazar la base de datos abierta por {0}?

Todo lo ingresado desde esa copia de seguridad queda aparte: el archivo actual se conserva en la carpeta de copias de seguridad. Antes se cierran los editores abiertos.</translation>
    </message>
    <message>
      <source>Report saved: {0}</source>
      <translation>Informe guardado: {0}</translation>
    </message>
    <message>
      <source>Research export</source>
      <translation>Exportación para investigación</translation>
    </message>
    <message>
      <source>Restore</source>
      <translation>Restaurar</translation>
    </message>
    <message>
      <source>Restoring</source>
      <translation>Restaurando</translation>
    </message>
    <message>
      <source>Tables, FHIR or research</source>
      <translation>Tablas, FHIR o investigación</translation>
    </message>
    <message>
      <source>The database was copied and verified:
{0}</source>
      <translation>La base de datos se copió y se verificó:
{0}</translation>
    </message>
    <message>
      <source>The report for the referring physician</source>
      <translation>El informe para el médico tratante</translation>
    </message>
    <message>
      <source>Writing the report</source>
      <translation>Escribiendo el informe</translation>
    </message>
    <message>
      <source>Wrote the FHIR bundle {0}</source>
      <translation>Se escribió el paquete FHIR {0}</translation>
    </message>
    <message>
      <source>Wrote {0} patient(s) without identifiers to {1}.
The export was recorded.</source>
      <translation>Se escribieron {0} paciente(s) sin identificadores en {1}.
Se registró la exportación.</translation>
    </message>
    <message>
      <source>Wrote:
{0}</source>
      <translation>Se escribió:
{0}</translation>
    </message>
    <message>
      <source>{0}: cancelled, nothing was changed.</source>
      <translation>{0}: cancelado, no se cambió nada.</translation>
    </message>
  </context>
  <context>
    <name>DateEdit</name>
    <message>
      <source>Calendar</source>
      <translation>Calendario</translation>
    </message>
    <message>
      <source>Choose the date on a calendar (Alt+Down)</source>
      <translation>Elegir la fecha en un calendario (Alt+Abajo)</translation>
    </message>
    <message>
      <source>not recorded</source>
      <translation>no registrado</translation>
    </message>
  </context>
  <context>
    <name>EckardtEditor</name>
    <message>
      <source>5-10 kg</source>
      <translation>5-10 kg</translation>
    </message>
    <message>
      <source>&lt; 5 kg</source>
      <translation>&lt; 5 kg</translation>
    </message>
    <message>
      <source>&gt; 10 kg</source>
      <translation>&gt; 10 kg</translation>
    </message>
    <message>
      <source>Eckardt total</source>
      <translation>Puntaje total de Eckardt</translation>
    </message>
    <message>
      <source>Total (0-12)</source>
      <translation>Puntaje total (0-12)</translation>
    </message>
    <message>
      <source>daily</source>
      <translation>diaria</translation>
    </message>
    <message>
      <source>each meal</source>
      <translation>en cada comida</translation>
    </message>
    <message>
      <source>none</source>
      <translation>ninguna</translation>
    </message>
    <message>
      <source>occasional</source>
      <translation>ocasional</translation>
    </message>
  </context>
  <context>
    <name>EmptyingChartWidget</name>
    <message>
      <source>Before/after latest procedure</source>
      <translation>Antes/después del último procedimiento</translation>
    </message>
    <message>
      <source>Show the studies before and after the latest procedure</source>
      <translation>Mostrar los estudios antes y después del último procedimiento</translation>
    </message>
    <message>
      <source>Studies</source>
      <translation>Estudios</translation>
    </message>
    <message>
      <source>Studies shown on the emptying chart</source>
      <translation>Estudios que se muestran en el gráfico de vaciamiento</translation>
    </message>
    <message>
      <source>Studies:</source>
      <translation>Estudios:</translation>
    </message>
    <message>
      <source>Tick the studies to compare</source>
      <translation>Marque los estudios que desea comparar</translation>
    </message>
  </context>
  <context>
    <name>EndoscopyEditor</name>
    <message>
      <source>Endoscopy</source>
      <translation>Endoscopía</translation>
    </message>
  </context>
  <context>
    <name>ExportDialog</name>
    <message>
      <source>A research export needs a new, empty folder.</source>
      <translation>Una exportación para investigación necesita una carpeta nueva y vacía.</translation>
    </message>
    <message>
      <source>Choose where to save the export.</source>
      <translation>Elija dónde guardar la exportación.</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>Elegir…</translation>
    </message>
    <message>
      <source>Excel workbook (*.xlsx)</source>
      <translation>Libro de Excel (*.xlsx)</translation>
    </message>
    <message>
      <source>Exchange tables as CSV files</source>
      <translation>Tablas de intercambio como archivos CSV</translation>
    </message>
    <message>
      <source>Exchange tables as an Excel workbook</source>
      <translation>Tablas de intercambio como libro de Excel</translation>
    </message>
    <message>
      <source>Export</source>
      <translation>Exportar</translation>
    </message>
    <message>
      <source>Export to</source>
      <translation>Exportar a</translation>
    </message>
    <message>
      <source>FHIR JSON (*.json)</source>
      <translation>FHIR JSON (*.json)</translation>
    </message>
    <message>
      <source>FHIR R4 bundle (JSON)</source>
      <translation>Paquete FHIR R4 (JSON)</translation>
    </message>
    <message>
      <source>No names, MRNs, birth dates or free text; stable pseudonyms; days since the first procedure. A new, empty folder. Every research export is recorded.</source>
      <translation>Sin nombres, N.º de HC, fechas de nacimiento ni texto libre; seudónimos estables; días desde el primer procedimiento. Una carpeta nueva y vacía. Cada exportación para investigación queda registrada.</translation>
    </message>
    <message>
      <source>Only the selected patient (none selected: every patient)</source>
      <translation>Solo el paciente seleccionado (si no hay ninguno: todos los pacientes)</translation>
    </message>
    <message>
      <source>Only {0} (MRN {1})</source>
      <translation>Solo {0} (N.º de HC {1})</translation>
    </message>
    <message>
      <source>Patients, procedures and observations for a hospital system. Contains identifiers.</source>
      <translation>Pacientes, procedimientos y observaciones para un sistema hospitalario. Contiene identificadores.</translation>
    </message>
    <message>
      <source>Research export without identifiers</source>
      <translation>Exportación para investigación sin identificadores</translation>
    </message>
    <message>
      <source>Save to:</source>
      <translation>Guardar en:</translation>
    </message>
    <message>
      <source>Tables as CSV for Excel in Spanish</source>
      <translation>Tablas como CSV para Excel en español</translation>
    </message>
    <message>
      <source>The folder {0} does not exist.</source>
      <translation>La carpeta {0} no existe.</translation>
    </message>
    <message>
      <source>The same four files for Excel or LibreOffice set to the decimal comma: semicolons, 2,7, dates 14/03/2015. They import back too.</source>
      <translation>Los mismos cuatro archivos para Excel o LibreOffice configurados con coma decimal: punto y coma, 2,7, fechas 14/03/2015. También se pueden volver a importar.</translation>
    </message>
    <message>
      <source>The same tables, one sheet each, in one .xlsx file.</source>
      <translation>Las mismas tablas, una hoja cada una, en un solo archivo .xlsx.</translation>
    </message>
    <message>
      <source>What</source>
      <translation>Qué</translation>
    </message>
    <message>
      <source>patients.csv, studies.csv, procedures.csv and eckardt.csv in a folder; they import back unchanged.</source>
      <translation>patients.csv, studies.csv, procedures.csv y eckardt.csv en una carpeta; se vuelven a importar sin cambios.</translation>
    </message>
    <message>
      <source>{0} is a file; this export writes a folder.</source>
      <translation>{0} es un archivo; esta exportación escribe una carpeta.</translation>
    </message>
    <message>
      <source>{0} is a folder; give a file name.</source>
      <translation>{0} es una carpeta; indique un nombre de archivo.</translation>
    </message>
  </context>
  <context>
    <name>FilmMeasures</name>
    <message>
      <source>Area {0}</source>
      <translation>Área {0}</translation>
    </message>
    <message>
      <source>Film</source>
      <translation>Placa</translation>
    </message>
    <message>
      <source>Height {0}</source>
      <translation>Altura {0}</translation>
    </message>
    <message>
      <source>Width {0}</source>
      <translation>Ancho {0}</translation>
    </message>
  </context>
  <context>
    <name>ImportWizard</name>
    <message>
      <source>(do not import)</source>
      <translation>(no importar)</translation>
    </message>
    <message>
      <source>Add files</source>
      <translation>Añadir archivos</translation>
    </message>
    <message>
      <source>Add files...</source>
      <translation>Añadir archivos...</translation>
    </message>
    <message>
      <source>CSV files (studies.csv, procedures.csv, eckardt.csv, patients.csv) or an XLSX workbook with one sheet per table.</source>
      <translation>Archivos CSV (studies.csv, procedures.csv, eckardt.csv, patients.csv) o un libro XLSX con una hoja por tabla.</translation>
    </message>
    <message>
      <source>Check every row</source>
      <translation>Comprobar cada fila</translation>
    </message>
    <message>
      <source>Check the columns</source>
      <translation>Comprobar las columnas</translation>
    </message>
    <message>
      <source>Checking every row</source>
      <translation>Comprobando cada fila</translation>
    </message>
    <message>
      <source>Choose the files</source>
      <translation>Elegir los archivos</translation>
    </message>
    <message>
      <source>Column</source>
      <translation>Columna</translation>
    </message>
    <message>
      <source>Column for {0}</source>
      <translation>Columna para {0}</translation>
    </message>
    <message>
      <source>Columns the importer does not know are not imported unless you say what they hold.</source>
      <translation>Las columnas que el importador no conoce no se importan, salvo que usted indique qué contienen.</translation>
    </message>
    <message>
      <source>Dates are day first</source>
      <translation>Las fechas empiezan por el día</translation>
    </message>
    <message>
      <source>Dates are day/month/year (e.g. 03/04/2024 is 3 April 2024)</source>
      <translation>Las fechas son día/mes/año (p. ej., 03/04/2024 es el 3 de abril de 2024)</translation>
    </message>
    <message>
      <source>Done.</source>
      <translation>Listo.</translation>
    </message>
    <message>
      <source>Files to import</source>
      <translation>Archivos que se importarán</translation>
    </message>
    <message>
      <source>GB18030 (Chinese)</source>
      <translation>GB18030 (chino)</translation>
    </message>
    <message>
      <source>ISO-8859-1 (Latin-1)</source>
      <translation>ISO-8859-1 (Latin-1)</translation>
    </message>
    <message>
      <source>Import</source>
      <translation>Importar</translation>
    </message>
    <message>
      <source>Import spreadsheets</source>
      <translation>Importar hojas de cálculo</translation>
    </message>
    <message>
      <source>Importing</source>
      <translation>Importando</translation>
    </message>
    <message>
      <source>MS-DOS (code page 850)</source>
      <translation>MS-DOS (página de códigos 850)</translation>
    </message>
    <message>
      <source>No problem found. Press Import to write these records.</source>
      <translation>No se encontró ningún problema. Pulse Importar para guardar estos registros.</translation>
    </message>
    <message>
      <source>Nothing was imported.</source>
      <translation>No se importó nada.</translation>
    </message>
    <message>
      <source>Preview of {0}</source>
      <translation>Vista previa de {0}</translation>
    </message>
    <message>
      <source>Problem</source>
      <translation>Problema</translation>
    </message>
    <message>
      <source>Problems</source>
      <translation>Problemas</translation>
    </message>
    <message>
      <source>Reading files</source>
      <translation>Leyendo los archivos</translation>
    </message>
    <message>
      <source>Reading problems</source>
      <translation>Problemas de lectura</translation>
    </message>
    <message>
      <source>Recognised (UTF-8 or Windows-1252)</source>
      <translation>Reconocida (UTF-8 o Windows-1252)</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Quitar</translation>
    </message>
    <message>
      <source>Remove the selected file</source>
      <translation>Quitar el archivo seleccionado</translation>
    </message>
    <message>
      <source>Shift-JIS (Japanese)</source>
      <translation>Shift-JIS (japonés)</translation>
    </message>
    <message>
      <source>Spreadsheets (*.csv *.tsv *.txt *.xlsx);;All files (*)</source>
      <translation>Hojas de cálculo (*.csv *.tsv *.txt *.xlsx);;Todos los archivos (*)</translation>
    </message>
    <message>
      <source>Tables</source>
      <translation>Tablas</translation>
    </message>
    <message>
      <source>Text encoding of CSV files</source>
      <translation>Codificación del texto de los archivos CSV</translation>
    </message>
    <message>
      <source>Text encoding of CSV files:</source>
      <translation>Codificación del texto de los archivos CSV:</translation>
    </message>
    <message>
      <source>The check failed; nothing was imported.</source>
      <translation>La comprobación falló; no se importó nada.</translation>
    </message>
    <message>
      <source>These files cannot be read as they are:</source>
      <translation>Estos archivos no se pueden leer tal como están:</translation>
    </message>
    <message>
      <source>UTF-16</source>
      <translation>UTF-16</translation>
    </message>
    <message>
      <source>UTF-8</source>
      <translation>UTF-8</translation>
    </message>
    <message>
      <source>Unknown columns</source>
      <translation>Columnas desconocidas</translation>
    </message>
    <message>
      <source>Value</source>
      <translation>Valor</translation>
    </message>
    <message>
      <source>What the import would do</source>
      <translation>Lo que haría la importación</translation>
    </message>
    <message>
      <source>What was imported</source>
      <translation>Lo que se importó</translation>
    </message>
    <message>
      <source>Where</source>
      <translation>Dónde</translation>
    </message>
    <message>
      <source>Windows-1252 (Western European)</source>
      <translation>Windows-1252 (Europa occidental)</translation>
    </message>
    <message>
      <source>not imported</source>
      <translation>no importado</translation>
    </message>
    <message>
      <source>{0} problem(s): fix the files (or the mapping) and go back; nothing was imported.</source>
      <translation>{0} problema(s): corrija los archivos (o la asignación de columnas) y vuelva atrás; no se importó nada.</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source> - demo database</source>
      <translation> - base de datos de demostración</translation>
    </message>
    <message>
      <source>&amp;About Barium Tracker</source>
      <translation>&amp;Acerca de Barium Tracker</translation>
    </message>
    <message>
      <source>&amp;Cohort...</source>
      <translation>&amp;Cohorte...</translation>
    </message>
    <message>
      <source>&amp;Delete selected...</source>
      <translation>E&amp;liminar lo seleccionado...</translation>
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation>&amp;Editar</translation>
    </message>
    <message>
      <source>&amp;Edit selected...</source>
      <translation>&amp;Editar lo seleccionado...</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>&amp;Archivo</translation>
    </message>
    <message>
      <source>&amp;Films of the study...</source>
      <translation>&amp;Placas del estudio...</translation>
    </message>
    <message>
      <source>&amp;Find patient</source>
      <translation>&amp;Buscar paciente</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>A&amp;yuda</translation>
    </message>
    <message>
      <source>&amp;Open database...</source>
      <translation>&amp;Abrir base de datos...</translation>
    </message>
    <message>
      <source>&amp;Preferences...</source>
      <translation>&amp;Preferencias...</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>&amp;Salir</translation>
    </message>
    <message>
      <source>&amp;Record</source>
      <translation>&amp;Registrar</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>&amp;Rehacer</translation>
    </message>
    <message>
      <source>&amp;Redo {0}</source>
      <translation>&amp;Rehacer: {0}</translation>
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation>&amp;Deshacer</translation>
    </message>
    <message>
      <source>&amp;Undo {0}</source>
      <translation>&amp;Deshacer: {0}</translation>
    </message>
    <message>
      <source>&amp;User guide</source>
      <translation>&amp;Guía del usuario</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>&amp;Ver</translation>
    </message>
    <message>
      <source>About Barium Tracker</source>
      <translation>Acerca de Barium Tracker</translation>
    </message>
    <message>
      <source>Add a patient</source>
      <translation>Añadir un paciente</translation>
    </message>
    <message>
      <source>All files (*)</source>
      <translation>Todos los archivos (*)</translation>
    </message>
    <message>
      <source>All patients' results and statistics by procedure</source>
      <translation>Resultados y estadísticas de todos los pacientes por procedimiento</translation>
    </message>
    <message>
      <source>Attach, measure and compare the radiographs of the selected TBE study</source>
      <translation>Adjuntar, medir y comparar las radiografías del esofagograma seleccionado</translation>
    </message>
    <message>
      <source>Backups: by the PostgreSQL server</source>
      <translation>Copias de seguridad: las hace el servidor PostgreSQL</translation>
    </message>
    <message>
      <source>Barium Tracker</source>
      <translation>Barium Tracker</translation>
    </message>
    <message>
      <source>Barium Tracker database (*.sqlite3 *.sqlite *.db)</source>
      <translation>Base de datos de Barium Tracker (*.sqlite3 *.sqlite *.db)</translation>
    </message>
    <message>
      <source>Barium Tracker {0}
Timed barium esophagogram records and treatment response for achalasia clinics.</source>
      <translation>Barium Tracker {0}
Registros de esofagograma baritado cronometrado y respuesta al tratamiento para servicios de acalasia.</translation>
    </message>
    <message>
      <source>Cohort - Barium Tracker</source>
      <translation>Cohorte - Barium Tracker</translation>
    </message>
    <message>
      <source>Database: {0}</source>
      <translation>Base de datos: {0}</translation>
    </message>
    <message>
      <source>Delete the selected record</source>
      <translation>Eliminar el registro seleccionado</translation>
    </message>
    <message>
      <source>Demo database (temporary): {0}</source>
      <translation>Base de datos de demostración (temporal): {0}</translation>
    </message>
    <message>
      <source>Films</source>
      <translation>Placas</translation>
    </message>
    <message>
      <source>Last backup: none yet</source>
      <translation>Última copia de seguridad: ninguna todavía</translation>
    </message>
    <message>
      <source>Last backup: {0}</source>
      <translation>Última copia de seguridad: {0}</translation>
    </message>
    <message>
      <source>Main</source>
      <translation>Principal</translation>
    </message>
    <message>
      <source>New &amp;Eckardt score...</source>
      <translation>Nuevo puntaje de E&amp;ckardt...</translation>
    </message>
    <message>
      <source>New &amp;TBE study...</source>
      <translation>Nuevo &amp;esofagograma...</translation>
    </message>
    <message>
      <source>New &amp;manometry...</source>
      <translation>Nueva &amp;manometría...</translation>
    </message>
    <message>
      <source>New &amp;patient...</source>
      <translation>Nuevo &amp;paciente...</translation>
    </message>
    <message>
      <source>New en&amp;doscopy...</source>
      <translation>Nueva en&amp;doscopía...</translation>
    </message>
    <message>
      <source>New p&amp;rocedure...</source>
      <translation>Nuevo p&amp;rocedimiento...</translation>
    </message>
    <message>
      <source>No TBE study yet: {menu}, {keys}. Films are attached to a study's timed minutes.</source>
      <translation>Aún no hay esofagogramas: {menu}, {keys}. Las placas se adjuntan a los minutos de un esofagograma.</translation>
    </message>
    <message>
      <source>Open database</source>
      <translation>Abrir base de datos</translation>
    </message>
    <message>
      <source>Open or create a database</source>
      <translation>Abrir o crear una base de datos</translation>
    </message>
    <message>
      <source>Open the selected record</source>
      <translation>Abrir el registro seleccionado</translation>
    </message>
    <message>
      <source>Opening the database {0}...</source>
      <translation>Abriendo la base de datos {0}...</translation>
    </message>
    <message>
      <source>Opening the database...</source>
      <translation>Abriendo la base de datos...</translation>
    </message>
    <message>
      <source>Record a high-resolution manometry</source>
      <translation>Registrar una manometría esofágica de alta resolución</translation>
    </message>
    <message>
      <source>Record a timed barium esophagogram</source>
      <translation>Registrar un esofagograma baritado cronometrado</translation>
    </message>
    <message>
      <source>Record a treatment</source>
      <translation>Registrar un tratamiento</translation>
    </message>
    <message>
      <source>Record an Eckardt symptom score</source>
      <translation>Registrar un puntaje de síntomas de Eckardt</translation>
    </message>
    <message>
      <source>Record an endoscopy</source>
      <translation>Registrar una endoscopía</translation>
    </message>
    <message>
      <source>The daily backup failed: {0}</source>
      <translation>La copia de seguridad diaria falló: {0}</translation>
    </message>
    <message>
      <source>Undo</source>
      <translation>Deshacer</translation>
    </message>
  </context>
  <context>
    <name>ManometryEditor</name>
    <message>
      <source>Manometry</source>
      <translation>Manometría</translation>
    </message>
    <message>
      <source>the study is conclusive</source>
      <translation>el estudio es concluyente</translation>
    </message>
  </context>
  <context>
    <name>MeasureFilmDialog</name>
    <message>
      <source>&amp;Invert (I)</source>
      <translation>&amp;Invertir (I)</translation>
    </message>
    <message>
      <source>&amp;Length (mm):</source>
      <translation>&amp;Longitud (mm):</translation>
    </message>
    <message>
      <source>&amp;Window:</source>
      <translation>&amp;Ventana:</translation>
    </message>
    <message>
      <source>13 mm tablet</source>
      <translation>tableta de 13 mm</translation>
    </message>
    <message>
      <source>1:1</source>
      <translation>1:1</translation>
    </message>
    <message>
      <source>Calibrate on a known object (C)</source>
      <translation>Calibrar con un objeto conocido (C)</translation>
    </message>
    <message>
      <source>Calibration</source>
      <translation>Calibración</translation>
    </message>
    <message>
      <source>Centre {0}, width {1}</source>
      <translation>Centro {0}, ancho {1}</translation>
    </message>
    <message>
      <source>Clear this tool's points</source>
      <translation>Borrar los puntos de esta herramienta</translation>
    </message>
    <message>
      <source>Column height (H)</source>
      <translation>Altura de la columna (H)</translation>
    </message>
    <message>
      <source>Display</source>
      <translation>Visualización</translation>
    </message>
    <message>
      <source>Drag to pan; points can still be dragged.</source>
      <translation>Arrastre para desplazar la imagen; los puntos se pueden seguir arrastrando.</translation>
    </message>
    <message>
      <source>Fit (F)</source>
      <translation>Ajustar (F)</translation>
    </message>
    <message>
      <source>From the gastro-oesophageal junction to the top of the dense column; more points follow a tortuous oesophagus.</source>
      <translation>Desde la unión esofagogástrica hasta el borde superior de la columna densa; más puntos siguen un esófago tortuoso.</translation>
    </message>
    <message>
      <source>Full range of the image</source>
      <translation>Rango completo de la imagen</translation>
    </message>
    <message>
      <source>Height:</source>
      <translation>Altura:</translation>
    </message>
    <message>
      <source>Keys: P move, C calibrate, H height, W width, O outline; click or Space adds a point at the centre mark, drag a point to move it, Shift+arrows nudge it, Delete removes it. + and - zoom, F fit, 1 one to one, arrows pan, I invert, Home or R reset; right-drag sets the window (across: width, up and down: level).</source>
      <translation>Teclas: P mover, C calibrar, H altura, W ancho, O contorno; un clic o Espacio añade un punto en la marca central, arrastre un punto para moverlo, Mayúsculas+flechas lo ajustan, Suprimir lo borra. + y - ampliar o reducir, F ajustar, 1 tamaño real, flechas desplazar, I invertir, Inicio o R restablecer; arrastrar con el botón derecho cambia la ventana (horizontal: ancho, vertical: nivel).</translation>
    </message>
    <message>
      <source>Known &amp;object:</source>
      <translation>&amp;Objeto conocido:</translation>
    </message>
    <message>
      <source>Length (mm)</source>
      <translation>Longitud (mm)</translation>
    </message>
    <message>
      <source>Maximal width (W)</source>
      <translation>Ancho máximo (W)</translation>
    </message>
    <message>
      <source>Measure the film</source>
      <translation>Medir la placa</translation>
    </message>
    <message>
      <source>Measurements</source>
      <translation>Mediciones</translation>
    </message>
    <message>
      <source>Move the image (P)</source>
      <translation>Mover la imagen (P)</translation>
    </message>
    <message>
      <source>One to one</source>
      <translation>Tamaño real</translation>
    </message>
    <message>
      <source>Points around the column; closed automatically.</source>
      <translation>Puntos alrededor de la columna; se cierra automáticamente.</translation>
    </message>
    <message>
      <source>Reset (R)</source>
      <translation>Restablecer (R)</translation>
    </message>
    <message>
      <source>Scale used: {0}</source>
      <translation>Escala usada: {0}</translation>
    </message>
    <message>
      <source>The file's VOI LUT</source>
      <translation>VOI LUT del archivo</translation>
    </message>
    <message>
      <source>The file's window {0}</source>
      <translation>Ventana del archivo {0}</translation>
    </message>
    <message>
      <source>The outline crosses itself: move its points so that it encloses the column once.</source>
      <translation>El contorno se cruza a sí mismo: mueva sus puntos para que encierre la columna una sola vez.</translation>
    </message>
    <message>
      <source>Tool</source>
      <translation>Herramienta</translation>
    </message>
    <message>
      <source>Trace the outline (O)</source>
      <translation>Trazar el contorno (O)</translation>
    </message>
    <message>
      <source>Traced area:</source>
      <translation>Área trazada:</translation>
    </message>
    <message>
      <source>Two points across the widest part of the column.</source>
      <translation>Dos puntos a través de la parte más ancha de la columna.</translation>
    </message>
    <message>
      <source>Two points on the ends of an object of known length: the 13 mm tablet, a ruler, a marker.</source>
      <translation>Dos puntos en los extremos de un objeto de longitud conocida: la tableta de 13 mm, una regla, un marcador.</translation>
    </message>
    <message>
      <source>Width:</source>
      <translation>Ancho:</translation>
    </message>
    <message>
      <source>marker</source>
      <translation>marcador</translation>
    </message>
    <message>
      <source>not measured</source>
      <translation>sin medir</translation>
    </message>
    <message>
      <source>ruler</source>
      <translation>regla</translation>
    </message>
    <message>
      <source>tablet</source>
      <translation>tableta</translation>
    </message>
  </context>
  <context>
    <name>PatientListModel</name>
    <message>
      <source>Age</source>
      <translation>Edad</translation>
    </message>
    <message>
      <source>Diagnosis</source>
      <translation>Diagnóstico</translation>
    </message>
    <message>
      <source>Last TBE</source>
      <translation>Último esofagograma</translation>
    </message>
    <message>
      <source>Last procedure</source>
      <translation>Último procedimiento</translation>
    </message>
    <message>
      <source>MRN</source>
      <translation>N.º de HC</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Nombre</translation>
    </message>
  </context>
  <context>
    <name>PatientListPane</name>
    <message>
      <source>1 patient</source>
      <translation>1 paciente</translation>
    </message>
    <message>
      <source>All diagnoses</source>
      <translation>Todos los diagnósticos</translation>
    </message>
    <message>
      <source>Diagnosis</source>
      <translation>Diagnóstico</translation>
    </message>
    <message>
      <source>Diagnosis:</source>
      <translation>Diagnóstico:</translation>
    </message>
    <message>
      <source>No patient matches: change the search or the diagnosis, or add the patient with {menu}, {keys}.</source>
      <translation>Ningún paciente coincide: cambie la búsqueda o el diagnóstico, o añada al paciente con {menu}, {keys}.</translation>
    </message>
    <message>
      <source>No patients yet: {menu}, {keys}.</source>
      <translation>Todavía no hay pacientes: {menu}, {keys}.</translation>
    </message>
    <message>
      <source>Patients</source>
      <translation>Pacientes</translation>
    </message>
    <message>
      <source>Search by MRN or name (Ctrl+F)</source>
      <translation>Buscar por N.º de HC o nombre (Ctrl+F)</translation>
    </message>
    <message>
      <source>Search patients</source>
      <translation>Buscar pacientes</translation>
    </message>
    <message>
      <source>Show only patients with this diagnosis</source>
      <translation>Mostrar solo los pacientes con este diagnóstico</translation>
    </message>
    <message>
      <source>{0} of {1} patients loaded (scroll for more)</source>
      <translation>{0} de {1} pacientes cargados (desplácese para ver más)</translation>
    </message>
    <message>
      <source>{0} patients</source>
      <translation>{0} pacientes</translation>
    </message>
  </context>
  <context>
    <name>PatientWorkspace</name>
    <message>
      <source> (manometry: {0})</source>
      <translation> (manometría: {0})</translation>
    </message>
    <message>
      <source>, diagnosed {0} ago</source>
      <translation>, con diagnóstico desde hace {0}</translation>
    </message>
    <message>
      <source>1 mo</source>
      <translation>1 mes</translation>
    </message>
    <message>
      <source>1 y</source>
      <translation>1 año</translation>
    </message>
    <message>
      <source>1 y 1 mo</source>
      <translation>1 año y 1 mes</translation>
    </message>
    <message>
      <source>1 y {1} mo</source>
      <translation>1 año y {1} meses</translation>
    </message>
    <message>
      <source>Course chart</source>
      <translation>Gráfico de evolución</translation>
    </message>
    <message>
      <source>Emptying chart</source>
      <translation>Gráfico de vaciamiento</translation>
    </message>
    <message>
      <source>MRN {0}</source>
      <translation>N.º de HC {0}</translation>
    </message>
    <message>
      <source>No TBE study yet: {menu}, {keys}.</source>
      <translation>Todavía no hay esofagogramas: {menu}, {keys}.</translation>
    </message>
    <message>
      <source>Nothing recorded for this patient yet: add a TBE study with {menu}, {keys}, or another event from the {record} menu.</source>
      <translation>Todavía no hay nada registrado para este paciente: añada un esofagograma con {menu}, {keys}, u otro evento desde el menú {record}.</translation>
    </message>
    <message>
      <source>Response to each treatment</source>
      <translation>Respuesta a cada tratamiento</translation>
    </message>
    <message>
      <source>Select a patient in the list, or add one: {menu}, {keys}.</source>
      <translation>Seleccione un paciente en la lista o añada uno: {menu}, {keys}.</translation>
    </message>
    <message>
      <source>TBE studies</source>
      <translation>Esofagogramas</translation>
    </message>
    <message>
      <source>Timeline of the patient's events</source>
      <translation>Línea de tiempo de los eventos del paciente</translation>
    </message>
    <message>
      <source>age unknown</source>
      <translation>edad desconocida</translation>
    </message>
    <message>
      <source>{0} mo</source>
      <translation>{0} meses</translation>
    </message>
    <message>
      <source>{0} y</source>
      <translation>{0} años</translation>
    </message>
    <message>
      <source>{0} y 1 mo</source>
      <translation>{0} años y 1 mes</translation>
    </message>
    <message>
      <source>{0} y {1} mo</source>
      <translation>{0} años y {1} meses</translation>
    </message>
    <message>
      <source>{0} years</source>
      <translation>{0} años</translation>
    </message>
  </context>
  <context>
    <name>PreferencesDialog</name>
    <message>
      <source>Clinic name</source>
      <translation>Nombre del servicio</translation>
    </message>
    <message>
      <source>Comma (2,7 cm)</source>
      <translation>Coma (2,7 cm)</translation>
    </message>
    <message>
      <source>Date order</source>
      <translation>Orden de la fecha</translation>
    </message>
    <message>
      <source>Day first (14/03/2015)</source>
      <translation>Día primero (14/03/2015)</translation>
    </message>
    <message>
      <source>Decimal separator</source>
      <translation>Separador decimal</translation>
    </message>
    <message>
      <source>Eckardt success</source>
      <translation>Éxito según Eckardt</translation>
    </message>
    <message>
      <source>Eckardt success threshold</source>
      <translation>Umbral de éxito del puntaje de Eckardt</translation>
    </message>
    <message>
      <source>How dates are shown on this workstation. Exported files always write 2015-03-14.</source>
      <translation>Cómo se muestran las fechas en esta estación de trabajo. Los archivos exportados siempre escriben 2015-03-14.</translation>
    </message>
    <message>
      <source>How numbers are shown; typing accepts both 2,7 and 2.7. Exported files always use a point.</source>
      <translation>Cómo se muestran los números; al escribir se acepta tanto 2,7 como 2.7. Los archivos exportados siempre usan punto.</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>Idioma</translation>
    </message>
    <message>
      <source>MRN identifier system for FHIR exports</source>
      <translation>Sistema de identificadores del N.º de HC para las exportaciones FHIR</translation>
    </message>
    <message>
      <source>MRN system (FHIR)</source>
      <translation>Sistema del N.º de HC (FHIR)</translation>
    </message>
    <message>
      <source>Point (2.7 cm)</source>
      <translation>Punto (2.7 cm)</translation>
    </message>
    <message>
      <source>Preferences</source>
      <translation>Preferencias</translation>
    </message>
    <message>
      <source>Printed at the top of every patient report</source>
      <translation>Se imprime en la parte superior de cada informe del paciente</translation>
    </message>
    <message>
      <source>Same as the language</source>
      <translation>Según el idioma</translation>
    </message>
    <message>
      <source>Same as the operating system</source>
      <translation>El del sistema operativo</translation>
    </message>
    <message>
      <source>Takes effect the next time Barium Tracker starts.</source>
      <translation>Se aplica la próxima vez que se inicie Barium Tracker.</translation>
    </message>
    <message>
      <source>The language takes effect the next time Barium Tracker starts.</source>
      <translation>El idioma se aplica la próxima vez que se inicie Barium Tracker.</translation>
    </message>
    <message>
      <source>Treatment success is an Eckardt total of 3 or less in most trials (Werner, NEJM 2019; Ponds, JAMA 2019) and below 3 in others: choose 2 for "&lt; 3". This applies to every workstation using this database.</source>
      <translation>El éxito del tratamiento es un puntaje total de Eckardt de 3 o menos en la mayoría de los ensayos (Werner, NEJM 2019; Ponds, JAMA 2019) y menor de 3 en otros: elija 2 para "&lt; 3". Se aplica a todas las estaciones de trabajo que usan esta base de datos.</translation>
    </message>
    <message>
      <source>Whose MRNs these are, as FHIR exports say it: the hospital's OID (urn:oid:...) or a web address it controls. Empty: {0}, which names no hospital.</source>
      <translation>De quién son estos N.º de HC, tal como lo dicen las exportaciones FHIR: el OID del hospital (urn:oid:...) o una dirección web que controle. Vacío: {0}, que no nombra a ningún hospital.</translation>
    </message>
    <message>
      <source>Year first (2015-03-14)</source>
      <translation>Año primero (2015-03-14)</translation>
    </message>
    <message>
      <source>e.g. Gastroenterology Service, Hospital Nacional</source>
      <translation>p. ej., Servicio de Gastroenterología, Hospital Nacional</translation>
    </message>
    <message>
      <source>total &lt;= </source>
      <translation>puntaje total &lt;= </translation>
    </message>
  </context>
  <context>
    <name>ProcedureEditor</name>
    <message>
      <source>30, 35 or 40</source>
      <translation>30, 35 o 40</translation>
    </message>
    <message>
      <source>Procedure</source>
      <translation>Procedimiento</translation>
    </message>
    <message>
      <source>after a failed myotomy</source>
      <translation>después de una miotomía fallida</translation>
    </message>
    <message>
      <source>cm below the GEJ</source>
      <translation>cm por debajo de la UEG</translation>
    </message>
    <message>
      <source>days; 0 = same day</source>
      <translation>días; 0 = el mismo día</translation>
    </message>
    <message>
      <source>e.g. hybrid T-knife</source>
      <translation>p. ej., bisturí híbrido en T</translation>
    </message>
    <message>
      <source>min</source>
      <translation>min</translation>
    </message>
    <message>
      <source>not recorded</source>
      <translation>no registrado</translation>
    </message>
    <message>
      <source>number of sites</source>
      <translation>número de puntos</translation>
    </message>
  </context>
  <context>
    <name>QDialog</name>
    <message>
      <source>Barium Tracker user guide</source>
      <translation>Guía del usuario de Barium Tracker</translation>
    </message>
    <message>
      <source>The user guide is not installed with this copy of the program.</source>
      <translation>La guía del usuario no está instalada con esta copia del programa.</translation>
    </message>
  </context>
  <context>
    <name>QFileDialog</name>
    <message>
      <source>All files (*)</source>
      <translation>Todos los archivos (*)</translation>
    </message>
    <message>
      <source>Barium Tracker database (*.sqlite3 *.sqlite *.db)</source>
      <translation>Base de datos de Barium Tracker (*.sqlite3 *.sqlite *.db)</translation>
    </message>
    <message>
      <source>Open or create a database</source>
      <translation>Abrir o crear una base de datos</translation>
    </message>
  </context>
  <context>
    <name>QMessageBox</name>
    <message>
      <source>Barium Tracker: the database cannot be opened</source>
      <translation>Barium Tracker: no se puede abrir la base de datos</translation>
    </message>
    <message>
      <source>Open another database...</source>
      <translation>Abrir otra base de datos...</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>Salir</translation>
    </message>
    <message>
      <source>Restore</source>
      <translation>Restaurar</translation>
    </message>
    <message>
      <source>Restore newest backup ({0})</source>
      <translation>Restaurar la copia de seguridad más reciente ({0})</translation>
    </message>
    <message>
      <source>Restoring the database</source>
      <translation>Restaurando la base de datos</translation>
    </message>
  </context>
  <context>
    <name>RecordEditing</name>
    <message>
      <source>1 Eckardt score</source>
      <translation>1 puntaje de Eckardt</translation>
    </message>
    <message>
      <source>1 TBE study</source>
      <translation>1 esofagograma</translation>
    </message>
    <message>
      <source>1 endoscopy</source>
      <translation>1 endoscopía</translation>
    </message>
    <message>
      <source>1 manometry</source>
      <translation>1 manometría</translation>
    </message>
    <message>
      <source>1 procedure</source>
      <translation>1 procedimiento</translation>
    </message>
    <message>
      <source>Barium Tracker</source>
      <translation>Barium Tracker</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>Eliminar</translation>
    </message>
    <message>
      <source>Delete patient</source>
      <translation>Eliminar paciente</translation>
    </message>
    <message>
      <source>Delete patient {0} (MRN {1}) with {2}?</source>
      <translation>¿Eliminar al paciente {0} (N.º de HC {1}) con {2}?</translation>
    </message>
    <message>
      <source>Delete patient {0} (MRN {1})?</source>
      <translation>¿Eliminar al paciente {0} (N.º de HC {1})?</translation>
    </message>
    <message>
      <source>New patient</source>
      <translation>Nuevo paciente</translation>
    </message>
    <message>
      <source>Patient {0}</source>
      <translation>Paciente {0}</translation>
    </message>
    <message>
      <source>Select a patient first.</source>
      <translation>Primero seleccione un paciente.</translation>
    </message>
    <message>
      <source>You can undo this (Ctrl+Z) until you close the program.</source>
      <translation>Puede deshacerlo (Ctrl+Z) hasta que cierre el programa.</translation>
    </message>
    <message>
      <source>{0} Eckardt scores</source>
      <translation>{0} puntajes de Eckardt</translation>
    </message>
    <message>
      <source>{0} TBE studies</source>
      <translation>{0} esofagogramas</translation>
    </message>
    <message>
      <source>{0} endoscopies</source>
      <translation>{0} endoscopías</translation>
    </message>
    <message>
      <source>{0} manometries</source>
      <translation>{0} manometrías</translation>
    </message>
    <message>
      <source>{0} procedures</source>
      <translation>{0} procedimientos</translation>
    </message>
  </context>
  <context>
    <name>RecordEditor</name>
    <message>
      <source>Discard the changes you made?</source>
      <translation>¿Descartar los cambios realizados?</translation>
    </message>
    <message>
      <source>Keep editing</source>
      <translation>Seguir editando</translation>
    </message>
    <message>
      <source>Reload their version</source>
      <translation>Cargar la versión guardada por el otro usuario</translation>
    </message>
  </context>
  <context>
    <name>RecordHistory</name>
    <message>
      <source>Add Eckardt score</source>
      <translation>añadir puntaje de Eckardt</translation>
    </message>
    <message>
      <source>Add TBE study</source>
      <translation>añadir esofagograma</translation>
    </message>
    <message>
      <source>Add endoscopy</source>
      <translation>añadir endoscopía</translation>
    </message>
    <message>
      <source>Add manometry</source>
      <translation>añadir manometría</translation>
    </message>
    <message>
      <source>Add patient</source>
      <translation>añadir paciente</translation>
    </message>
    <message>
      <source>Add procedure</source>
      <translation>añadir procedimiento</translation>
    </message>
    <message>
      <source>Add record</source>
      <translation>añadir registro</translation>
    </message>
    <message>
      <source>Delete Eckardt score</source>
      <translation>eliminar puntaje de Eckardt</translation>
    </message>
    <message>
      <source>Delete TBE study</source>
      <translation>eliminar esofagograma</translation>
    </message>
    <message>
      <source>Delete endoscopy</source>
      <translation>eliminar endoscopía</translation>
    </message>
    <message>
      <source>Delete manometry</source>
      <translation>eliminar manometría</translation>
    </message>
    <message>
      <source>Delete patient</source>
      <translation>eliminar paciente</translation>
    </message>
    <message>
      <source>Delete procedure</source>
      <translation>eliminar procedimiento</translation>
    </message>
    <message>
      <source>Delete record</source>
      <translation>eliminar registro</translation>
    </message>
    <message>
      <source>Edit Eckardt score</source>
      <translation>editar puntaje de Eckardt</translation>
    </message>
    <message>
      <source>Edit TBE study</source>
      <translation>editar esofagograma</translation>
    </message>
    <message>
      <source>Edit endoscopy</source>
      <translation>editar endoscopía</translation>
    </message>
    <message>
      <source>Edit manometry</source>
      <translation>editar manometría</translation>
    </message>
    <message>
      <source>Edit patient</source>
      <translation>editar paciente</translation>
    </message>
    <message>
      <source>Edit procedure</source>
      <translation>editar procedimiento</translation>
    </message>
    <message>
      <source>Edit record</source>
      <translation>editar registro</translation>
    </message>
    <message>
      <source>This could not be undone or redone: {0}
The undo history was cleared.</source>
      <translation>No se pudo deshacer ni rehacer: {0}
Se borró el historial de deshacer.</translation>
    </message>
  </context>
  <context>
    <name>RecordKinds</name>
    <message>
      <source>Delete Eckardt score</source>
      <translation>Eliminar puntaje de Eckardt</translation>
    </message>
    <message>
      <source>Delete TBE study</source>
      <translation>Eliminar esofagograma</translation>
    </message>
    <message>
      <source>Delete endoscopy</source>
      <translation>Eliminar endoscopía</translation>
    </message>
    <message>
      <source>Delete manometry</source>
      <translation>Eliminar manometría</translation>
    </message>
    <message>
      <source>Delete procedure</source>
      <translation>Eliminar procedimiento</translation>
    </message>
    <message>
      <source>Delete this Eckardt score of {0}?</source>
      <translation>¿Eliminar este puntaje de Eckardt de {0}?</translation>
    </message>
    <message>
      <source>Delete this TBE study of {0}?</source>
      <translation>¿Eliminar este esofagograma de {0}?</translation>
    </message>
    <message>
      <source>Delete this endoscopy of {0}?</source>
      <translation>¿Eliminar esta endoscopía de {0}?</translation>
    </message>
    <message>
      <source>Delete this manometry of {0}?</source>
      <translation>¿Eliminar esta manometría de {0}?</translation>
    </message>
    <message>
      <source>Delete this procedure of {0}?</source>
      <translation>¿Eliminar este procedimiento de {0}?</translation>
    </message>
    <message>
      <source>Eckardt score of {0}</source>
      <translation>Puntaje de Eckardt de {0}</translation>
    </message>
    <message>
      <source>Endoscopy of {0}</source>
      <translation>Endoscopía de {0}</translation>
    </message>
    <message>
      <source>Manometry of {0}</source>
      <translation>Manometría de {0}</translation>
    </message>
    <message>
      <source>New Eckardt score for {0}</source>
      <translation>Nuevo puntaje de Eckardt: {0}</translation>
    </message>
    <message>
      <source>New TBE study for {0}</source>
      <translation>Nuevo esofagograma: {0}</translation>
    </message>
    <message>
      <source>New endoscopy for {0}</source>
      <translation>Nueva endoscopía: {0}</translation>
    </message>
    <message>
      <source>New manometry for {0}</source>
      <translation>Nueva manometría: {0}</translation>
    </message>
    <message>
      <source>New procedure for {0}</source>
      <translation>Nuevo procedimiento: {0}</translation>
    </message>
    <message>
      <source>Procedure of {0}</source>
      <translation>Procedimiento de {0}</translation>
    </message>
    <message>
      <source>TBE study of {0}</source>
      <translation>Esofagograma de {0}</translation>
    </message>
  </context>
  <context>
    <name>ReportPreview</name>
    <message>
      <source>PDF, A4 paper (*.pdf)</source>
      <translation>PDF, papel A4 (*.pdf)</translation>
    </message>
    <message>
      <source>PDF, US Letter paper (*.pdf)</source>
      <translation>PDF, papel carta (*.pdf)</translation>
    </message>
    <message>
      <source>Print report</source>
      <translation>Imprimir informe</translation>
    </message>
    <message>
      <source>Print report: {0}</source>
      <translation>Imprimir informe: {0}</translation>
    </message>
    <message>
      <source>Report print preview</source>
      <translation>Vista previa de impresión del informe</translation>
    </message>
    <message>
      <source>Save report</source>
      <translation>Guardar informe</translation>
    </message>
    <message>
      <source>Save report as PDF</source>
      <translation>Guardar el informe como PDF</translation>
    </message>
    <message>
      <source>TBE report {0}</source>
      <translation>Informe de esofagograma {0}</translation>
    </message>
    <message>
      <source>The report could not be printed: {0}</source>
      <translation>No se pudo imprimir el informe: {0}</translation>
    </message>
    <message>
      <source>The report was not saved: {0}</source>
      <translation>El informe no se guardó: {0}</translation>
    </message>
  </context>
  <context>
    <name>RestoreDialog</name>
    <message>
      <source>All files (*)</source>
      <translation>Todos los archivos (*)</translation>
    </message>
    <message>
      <source>Barium Tracker database (*.sqlite3 *.sqlite *.db)</source>
      <translation>Base de datos de Barium Tracker (*.sqlite3 *.sqlite *.db)</translation>
    </message>
    <message>
      <source>Choose a backup</source>
      <translation>Elegir una copia de seguridad</translation>
    </message>
    <message>
      <source>Choose another file…</source>
      <translation>Elegir otro archivo…</translation>
    </message>
    <message>
      <source>No backups beside this database yet: choose a file.</source>
      <translation>Todavía no hay copias de seguridad junto a esta base de datos: elija un archivo.</translation>
    </message>
    <message>
      <source>Restore from backup</source>
      <translation>Restaurar desde una copia de seguridad</translation>
    </message>
    <message>
      <source>Restore…</source>
      <translation>Restaurar…</translation>
    </message>
    <message>
      <source>Restoring replaces {0} with the backup you choose. The current file is kept in the backups folder, so a restore can itself be undone by restoring that copy.</source>
      <translation>Restaurar reemplaza {0} por la copia de seguridad que elija. El archivo actual se conserva en la carpeta de copias de seguridad, de modo que una restauración se puede deshacer restaurando esa copia.</translation>
    </message>
    <message>
      <source>That is the database itself; choose a backup.</source>
      <translation>Esa es la propia base de datos; elija una copia de seguridad.</translation>
    </message>
    <message>
      <source>automatic, before an upgrade</source>
      <translation>automática, antes de una actualización</translation>
    </message>
    <message>
      <source>automatic, daily</source>
      <translation>automática, diaria</translation>
    </message>
    <message>
      <source>made by hand</source>
      <translation>hecha a mano</translation>
    </message>
    <message>
      <source>the database a restore replaced</source>
      <translation>la base de datos que reemplazó una restauración</translation>
    </message>
    <message>
      <source>{0}  ·  {1}  ·  {2}</source>
      <translation>{0}  ·  {1}  ·  {2}</translation>
    </message>
    <message>
      <source>{0} cannot be restored: {1}.</source>
      <translation>{0} no se puede restaurar: {1}.</translation>
    </message>
    <message>
      <source>{0}: {1}.</source>
      <translation>{0}: {1}.</translation>
    </message>
  </context>
  <context>
    <name>Screenshots</name>
    <message>
      <source>After the rescue POEM, 5 min</source>
      <translation>Después del POEM de rescate, 5 min</translation>
    </message>
    <message>
      <source>Before the rescue POEM, 5 min</source>
      <translation>Antes del POEM de rescate, 5 min</translation>
    </message>
  </context>
  <context>
    <name>StudiesTableModel</name>
    <message>
      <source>Date</source>
      <translation>Fecha</translation>
    </message>
    <message>
      <source>Double-click or press Enter to open</source>
      <translation>Doble clic o Intro para abrir</translation>
    </message>
  </context>
  <context>
    <name>StudyEditor</name>
    <message>
      <source>Add a timed film</source>
      <translation>Añadir una placa cronometrada</translation>
    </message>
    <message>
      <source>Add minute</source>
      <translation>Añadir minuto</translation>
    </message>
    <message>
      <source>Barium column
(empty = not measured,
0 = emptied)</source>
      <translation>Columna de bario
(vacío = no medido,
0 = vaciada)</translation>
    </message>
    <message>
      <source>Barium column height and width per minute</source>
      <translation>Altura y ancho de la columna de bario por minuto</translation>
    </message>
    <message>
      <source>Barium sulfate suspension (other density)</source>
      <translation>Suspensión de sulfato de bario (otra densidad)</translation>
    </message>
    <message>
      <source>HH:MM</source>
      <translation>HH:MM</translation>
    </message>
    <message>
      <source>Low-density barium 45 % w/v</source>
      <translation>Bario de baja densidad 45 % p/v</translation>
    </message>
    <message>
      <source>Remove minute</source>
      <translation>Quitar minuto</translation>
    </message>
    <message>
      <source>Remove the selected timed film</source>
      <translation>Quitar la placa cronometrada seleccionada</translation>
    </message>
    <message>
      <source>{0}: '{1}' must be written as HH:MM</source>
      <translation>{0}: '{1}' se debe escribir como HH:MM</translation>
    </message>
  </context>
  <context>
    <name>StudyFilmsDialog</name>
    <message>
      <source>&amp;Attach film…</source>
      <translation>&amp;Adjuntar placa…</translation>
    </message>
    <message>
      <source>&amp;Compare with another study…</source>
      <translation>&amp;Comparar con otro estudio…</translation>
    </message>
    <message>
      <source>&amp;Minute of the film:</source>
      <translation>&amp;Minuto de la placa:</translation>
    </message>
    <message>
      <source>&amp;Remove…</source>
      <translation>&amp;Quitar…</translation>
    </message>
    <message>
      <source>After</source>
      <translation>Después</translation>
    </message>
    <message>
      <source>Attach a film</source>
      <translation>Adjuntar una placa</translation>
    </message>
    <message>
      <source>Attach it all the same</source>
      <translation>Adjuntarla de todos modos</translation>
    </message>
    <message>
      <source>Attached</source>
      <translation>Adjuntada</translation>
    </message>
    <message>
      <source>Attached although:
{0}</source>
      <translation>Adjuntada aunque:
{0}</translation>
    </message>
    <message>
      <source>Before</source>
      <translation>Antes</translation>
    </message>
    <message>
      <source>Compare with</source>
      <translation>Comparar con</translation>
    </message>
    <message>
      <source>File</source>
      <translation>Archivo</translation>
    </message>
    <message>
      <source>Film to compare with:</source>
      <translation>Placa con la que comparar:</translation>
    </message>
    <message>
      <source>Films at {0} min, before and after</source>
      <translation>Placas al minuto {0}, antes y después</translation>
    </message>
    <message>
      <source>Films of the TBE study of {0}</source>
      <translation>Placas del esofagograma del {0}</translation>
    </message>
    <message>
      <source>Films of this study</source>
      <translation>Placas de este estudio</translation>
    </message>
    <message>
      <source>Is this the right film?</source>
      <translation>¿Es la placa correcta?</translation>
    </message>
    <message>
      <source>Mea&amp;sure…</source>
      <translation>Me&amp;dir…</translation>
    </message>
    <message>
      <source>Measured</source>
      <translation>Medido</translation>
    </message>
    <message>
      <source>Minute</source>
      <translation>Minuto</translation>
    </message>
    <message>
      <source>Minute of the film</source>
      <translation>Minuto de la placa</translation>
    </message>
    <message>
      <source>No film attached yet: choose the minute, then Attach film…</source>
      <translation>Aún no hay placas adjuntas: elija el minuto y luego Adjuntar placa…</translation>
    </message>
    <message>
      <source>No other study of this patient has a film at {0} min to compare with.</source>
      <translation>Ningún otro estudio de este paciente tiene una placa al minuto {0} para comparar.</translation>
    </message>
    <message>
      <source>Not measured yet: Measure…</source>
      <translation>Aún sin medir: Medir…</translation>
    </message>
    <message>
      <source>Remove the film</source>
      <translation>Quitar la placa</translation>
    </message>
    <message>
      <source>Scale</source>
      <translation>Escala</translation>
    </message>
    <message>
      <source>Why is {0} removed from this study?</source>
      <translation>¿Por qué se quita {0} de este estudio?</translation>
    </message>
    <message>
      <source>{0} may not belong to this record:</source>
      <translation>{0} puede no pertenecer a este registro:</translation>
    </message>
    <message>
      <source>{0} min</source>
      <translation>minuto {0}</translation>
    </message>
    <message>
      <source>{0} x {1} px</source>
      <translation>{0} x {1} px</translation>
    </message>
    <message>
      <source>{0}, {1} min: {2}</source>
      <translation>{0}, minuto {1}: {2}</translation>
    </message>
    <message>
      <source>{0}: {1}</source>
      <translation>{0}: {1}</translation>
    </message>
    <message>
      <source>{0}: {1}, {2} min</source>
      <translation>{0}: {1}, minuto {2}</translation>
    </message>
  </context>
  <context>
    <name>TaskDialog</name>
    <message>
      <source>Cancel</source>
      <translation>Cancelar</translation>
    </message>
    <message>
      <source>Cancelling…</source>
      <translation>Cancelando…</translation>
    </message>
    <message>
      <source>Stop; nothing is changed</source>
      <translation>Detener; no se cambia nada</translation>
    </message>
  </context>
  <context>
    <name>TimelineModel</name>
    <message>
      <source>Date</source>
      <translation>Fecha</translation>
    </message>
    <message>
      <source>Details</source>
      <translation>Detalles</translation>
    </message>
    <message>
      <source>Double-click or press Enter to open</source>
      <translation>Doble clic o Intro para abrir</translation>
    </message>
    <message>
      <source>Event</source>
      <translation>Evento</translation>
    </message>
  </context>
  <context>
    <name>_ChartWidget</name>
    <message>
      <source>Chart</source>
      <translation>Gráfico</translation>
    </message>
    <message>
      <source>Copy</source>
      <translation>Copiar</translation>
    </message>
    <message>
      <source>Copy the chart</source>
      <translation>Copiar el gráfico</translation>
    </message>
    <message>
      <source>Copy the chart to the clipboard as an image</source>
      <translation>Copiar el gráfico al portapapeles como imagen</translation>
    </message>
    <message>
      <source>Export chart</source>
      <translation>Exportar gráfico</translation>
    </message>
    <message>
      <source>Export the chart</source>
      <translation>Exportar el gráfico</translation>
    </message>
    <message>
      <source>Export...</source>
      <translation>Exportar...</translation>
    </message>
    <message>
      <source>No TBE study yet: {menu}, {keys}.</source>
      <translation>Todavía no hay esofagogramas: {menu}, {keys}.</translation>
    </message>
    <message>
      <source>No patient selected</source>
      <translation>Ningún paciente seleccionado</translation>
    </message>
    <message>
      <source>PDF document (*.pdf)</source>
      <translation>Documento PDF (*.pdf)</translation>
    </message>
    <message>
      <source>PNG image (*.png)</source>
      <translation>Imagen PNG (*.png)</translation>
    </message>
    <message>
      <source>SVG drawing (*.svg)</source>
      <translation>Dibujo SVG (*.svg)</translation>
    </message>
    <message>
      <source>Save the chart as a PNG image, an SVG drawing or a PDF document</source>
      <translation>Guardar el gráfico como imagen PNG, dibujo SVG o documento PDF</translation>
    </message>
    <message>
      <source>The chart was not saved: {0}</source>
      <translation>El gráfico no se guardó: {0}</translation>
    </message>
  </context>
  <context>
    <name>charts</name>
    <message>
      <source>1 day</source>
      <translation>1 día</translation>
    </message>
    <message>
      <source>Apr</source>
      <translation>abr</translation>
    </message>
    <message>
      <source>Aug</source>
      <translation>ago</translation>
    </message>
    <message>
      <source>Barium column height (cm)</source>
      <translation>Altura de la columna de bario (cm)</translation>
    </message>
    <message>
      <source>Barium {volume} mL</source>
      <translation>Bario {volume} mL</translation>
    </message>
    <message>
      <source>Column area (cm²)</source>
      <translation>Área de la columna (cm²)</translation>
    </message>
    <message>
      <source>Dec</source>
      <translation>dic</translation>
    </message>
    <message>
      <source>Eckardt {total}/{max} ({date})</source>
      <translation>Eckardt {total}/{max} ({date})</translation>
    </message>
    <message>
      <source>Emptying: {patient}</source>
      <translation>Vaciamiento: {patient}</translation>
    </message>
    <message>
      <source>Exam date</source>
      <translation>Fecha del estudio</translation>
    </message>
    <message>
      <source>Feb</source>
      <translation>feb</translation>
    </message>
    <message>
      <source>Jan</source>
      <translation>ene</translation>
    </message>
    <message>
      <source>Jul</source>
      <translation>jul</translation>
    </message>
    <message>
      <source>Jun</source>
      <translation>jun</translation>
    </message>
    <message>
      <source>Mar</source>
      <translation>mar</translation>
    </message>
    <message>
      <source>May</source>
      <translation>may</translation>
    </message>
    <message>
      <source>Minutes after barium ingestion</source>
      <translation>Minutos tras la ingesta de bario</translation>
    </message>
    <message>
      <source>Minutes after barium ingestion (no {minutes} or {last}-min film on these studies)</source>
      <translation>Minutos tras la ingesta de bario (estos estudios no tienen placa al minuto {minutes} ni al minuto {last})</translation>
    </message>
    <message>
      <source>Minutes after barium ingestion (no {minute}-min film on these studies)</source>
      <translation>Minutos tras la ingesta de bario (estos estudios no tienen placa al minuto {minute})</translation>
    </message>
    <message>
      <source>No TBE study recorded yet</source>
      <translation>Aún no hay esofagogramas registrados</translation>
    </message>
    <message>
      <source>No study has a measured height</source>
      <translation>Ningún estudio tiene la altura medida</translation>
    </message>
    <message>
      <source>No study has a measured height and width (for the area)</source>
      <translation>Ningún estudio tiene la altura y el ancho medidos (para el área)</translation>
    </message>
    <message>
      <source>Nov</source>
      <translation>nov</translation>
    </message>
    <message>
      <source>Oct</source>
      <translation>oct</translation>
    </message>
    <message>
      <source>Pick one or more studies in the list</source>
      <translation>Elija uno o más estudios de la lista</translation>
    </message>
    <message>
      <source>Procedure</source>
      <translation>Procedimiento</translation>
    </message>
    <message>
      <source>Sep</source>
      <translation>set</translation>
    </message>
    <message>
      <source>TBE course: {patient}</source>
      <translation>Evolución del esofagograma: {patient}</translation>
    </message>
    <message>
      <source>TBE {date}</source>
      <translation>Esofagograma {date}</translation>
    </message>
    <message>
      <source>TBE {date} ({relation})</source>
      <translation>Esofagograma {date} ({relation})</translation>
    </message>
    <message>
      <source>The selected studies have no measured height</source>
      <translation>Los estudios elegidos no tienen la altura medida</translation>
    </message>
    <message>
      <source>before {procedure}</source>
      <translation>antes de {procedure}</translation>
    </message>
    <message>
      <source>before {procedure}, same day</source>
      <translation>antes de {procedure}, el mismo día</translation>
    </message>
    <message>
      <source>height not measured</source>
      <translation>altura no medida</translation>
    </message>
    <message>
      <source>n/a</source>
      <translation>n/d</translation>
    </message>
    <message>
      <source>no film recorded</source>
      <translation>ninguna placa registrada</translation>
    </message>
    <message>
      <source>{date} ({relation})</source>
      <translation>{date} ({relation})</translation>
    </message>
    <message>
      <source>{days} after {procedure}</source>
      <translation>{days} después de {procedure}</translation>
    </message>
    <message>
      <source>{days} before {procedure}</source>
      <translation>{days} antes de {procedure}</translation>
    </message>
    <message>
      <source>{height} cm</source>
      <translation>{height} cm</translation>
    </message>
    <message>
      <source>{height} cm (complete emptying)</source>
      <translation>{height} cm (vaciamiento completo)</translation>
    </message>
    <message>
      <source>{label}</source>
      <translation>{label}</translation>
    </message>
    <message>
      <source>{label} (0-{max})</source>
      <translation>{label} (0-{max})</translation>
    </message>
    <message>
      <source>{minute} min: {before} -&gt; {after} cm ({change})</source>
      <translation>{minute} min: {before} -&gt; {after} cm ({change})</translation>
    </message>
    <message>
      <source>{minute} min: {before} -&gt; {after} cm² ({change})</source>
      <translation>{minute} min: {before} -&gt; {after} cm² ({change})</translation>
    </message>
    <message>
      <source>{minute} min: {height} x {width} cm wide</source>
      <translation>{minute} min: {height} x {width} cm de ancho</translation>
    </message>
    <message>
      <source>{minute} min: {height} x {width} cm wide = {area} cm²</source>
      <translation>{minute} min: {height} x {width} cm de ancho = {area} cm²</translation>
    </message>
    <message>
      <source>{minute} min: {height}, width not measured</source>
      <translation>{minute} min: {height}, ancho no medido</translation>
    </message>
    <message>
      <source>{minute}-min film
{study}</source>
      <translation>Placa al minuto {minute}
{study}</translation>
    </message>
    <message>
      <source>{n} days</source>
      <translation>{n} días</translation>
    </message>
    <message>
      <source>{procedure} {date}</source>
      <translation>{procedure} {date}</translation>
    </message>
    <message>
      <source>{value} cm: 5-min cut-off (Blonski 2018)</source>
      <translation>{value} cm: punto de corte al minuto 5 (Blonski 2018)</translation>
    </message>
    <message>
      <source>{value} cm: stasis (Rohof 2013); 1-min cut-off (Blonski 2018)</source>
      <translation>{value} cm: estasis (Rohof 2013); punto de corte al 1 min (Blonski 2018)</translation>
    </message>
  </context>
  <context>
    <name>cli</name>
    <message>
      <source>(not set: reports print no clinic name)</source>
      <translation>(sin definir: los informes no imprimen el nombre del servicio)</translation>
    </message>
    <message>
      <source>--map {pair}: write it as HEADER=COLUMN, e.g. --map 'Fecha=study_date'</source>
      <translation>--map {pair}: escríbalo como ENCABEZADO=COLUMNA, por ejemplo --map 'Fecha=study_date'</translation>
    </message>
    <message>
      <source>--patients must be 0 or more</source>
      <translation>--patients debe ser 0 o más</translation>
    </message>
    <message>
      <source>Age</source>
      <translation>Edad</translation>
    </message>
    <message>
      <source>Attached {file} to {mrn}'s TBE study of {date} at {minute} min (image {sha256})</source>
      <translation>Se adjuntó {file} al esofagograma del {date} de {mrn}, a los {minute} min (imagen {sha256})</translation>
    </message>
    <message>
      <source>Backed up the previous file to {path}</source>
      <translation>Se hizo una copia de seguridad del archivo anterior en {path}</translation>
    </message>
    <message>
      <source>Backed up {location} to {path} (verified)</source>
      <translation>Copia de seguridad de {location} en {path} (verificada)</translation>
    </message>
    <message>
      <source>Bits stored:</source>
      <translation>Bits almacenados:</translation>
    </message>
    <message>
      <source>Calibration:</source>
      <translation>Calibración:</translation>
    </message>
    <message>
      <source>Clinic name:</source>
      <translation>Nombre del servicio:</translation>
    </message>
    <message>
      <source>Confirmed difference: {difference}</source>
      <translation>Diferencia confirmada: {difference}</translation>
    </message>
    <message>
      <source>Created demo database {path} (seed case {mrn} and {count} synthetic patients)</source>
      <translation>Se creó la base de datos de demostración {path} (caso semilla {mrn} y {count} pacientes sintéticos)</translation>
    </message>
    <message>
      <source>Database:</source>
      <translation>Base de datos:</translation>
    </message>
    <message>
      <source>Diagnosis</source>
      <translation>Diagnóstico</translation>
    </message>
    <message>
      <source>Eckardt success:</source>
      <translation>Éxito según Eckardt:</translation>
    </message>
    <message>
      <source>File:</source>
      <translation>Archivo:</translation>
    </message>
    <message>
      <source>Film date:</source>
      <translation>Fecha de la placa:</translation>
    </message>
    <message>
      <source>Format:</source>
      <translation>Formato:</translation>
    </message>
    <message>
      <source>Frames:</source>
      <translation>Fotogramas:</translation>
    </message>
    <message>
      <source>Integrity:</source>
      <translation>Integridad:</translation>
    </message>
    <message>
      <source>Last TBE</source>
      <translation>Último EBC</translation>
    </message>
    <message>
      <source>Last procedure</source>
      <translation>Último procedimiento</translation>
    </message>
    <message>
      <source>Length: {mm} mm ({cm} cm); calibration: {calibration}</source>
      <translation>Longitud: {mm} mm ({cm} cm); calibración: {calibration}</translation>
    </message>
    <message>
      <source>MRN</source>
      <translation>N.º de HC</translation>
    </message>
    <message>
      <source>MRN system (FHIR):</source>
      <translation>Sistema de N.º de HC (FHIR):</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Nombre</translation>
    </message>
    <message>
      <source>No images attached to {mrn}.</source>
      <translation>{mrn} no tiene imágenes adjuntas.</translation>
    </message>
    <message>
      <source>No patients match.</source>
      <translation>Ningún paciente coincide.</translation>
    </message>
    <message>
      <source>No patients yet.</source>
      <translation>Aún no hay pacientes.</translation>
    </message>
    <message>
      <source>PROBLEMS FOUND</source>
      <translation>SE ENCONTRARON PROBLEMAS</translation>
    </message>
    <message>
      <source>Patient ID in the file:</source>
      <translation>ID de paciente en el archivo:</translation>
    </message>
    <message>
      <source>Patient in the file:</source>
      <translation>Paciente en el archivo:</translation>
    </message>
    <message>
      <source>Photometric:</source>
      <translation>Interpretación fotométrica:</translation>
    </message>
    <message>
      <source>Pixel spacing:</source>
      <translation>Espaciado de píxel:</translation>
    </message>
    <message>
      <source>Sanagapalli area:</source>
      <translation>Área de Sanagapalli:</translation>
    </message>
    <message>
      <source>Schema:</source>
      <translation>Esquema:</translation>
    </message>
    <message>
      <source>Settings changed for {location}</source>
      <translation>Configuración modificada de {location}</translation>
    </message>
    <message>
      <source>Settings of {location}</source>
      <translation>Configuración de {location}</translation>
    </message>
    <message>
      <source>Size:</source>
      <translation>Tamaño:</translation>
    </message>
    <message>
      <source>State:</source>
      <translation>Estado:</translation>
    </message>
    <message>
      <source>TBE {date} {minute} min</source>
      <translation>Esofagograma {date} {minute} min</translation>
    </message>
    <message>
      <source>The point {x},{y} is outside the image ({columns} x {rows} pixels; x is the column, y the row).</source>
      <translation>El punto {x},{y} está fuera de la imagen ({columns} x {rows} píxeles; x es la columna, y la fila).</translation>
    </message>
    <message>
      <source>The same file was stored already: it was not stored twice.</source>
      <translation>El mismo archivo ya estaba guardado: no se guardó dos veces.</translation>
    </message>
    <message>
      <source>To attach it all the same, run the command again with --confirm-mismatch.</source>
      <translation>Para adjuntarlo de todos modos, ejecute de nuevo la orden con --confirm-mismatch.</translation>
    </message>
    <message>
      <source>Wrote FHIR bundle {path}</source>
      <translation>Se escribió el paquete FHIR {path}</translation>
    </message>
    <message>
      <source>Wrote report {path}</source>
      <translation>Se escribió el informe {path}</translation>
    </message>
    <message>
      <source>Wrote research export for {count} patient(s) to {destination}</source>
      <translation>Se escribió la exportación para investigación de {count} paciente(s) en {destination}</translation>
    </message>
    <message>
      <source>Wrote {path}</source>
      <translation>Se escribió {path}</translation>
    </message>
    <message>
      <source>Wrote {path}: the {minute}-min films of {before} and {after}</source>
      <translation>Se escribió {path}: las placas del minuto {minute} del {before} y del {after}</translation>
    </message>
    <message>
      <source>barium-tracker: interrupted</source>
      <translation>barium-tracker: interrumpido</translation>
    </message>
    <message>
      <source>barium-tracker: nothing was imported; {count} problem(s):</source>
      <translation>barium-tracker: no se importó nada; {count} problema(s):</translation>
    </message>
    <message>
      <source>barium-tracker: warning: the daily backup failed: {problem}</source>
      <translation>barium-tracker: advertencia: falló la copia de seguridad diaria: {problem}</translation>
    </message>
    <message>
      <source>barium-tracker: {error}</source>
      <translation>barium-tracker: {error}</translation>
    </message>
    <message>
      <source>empty: it will be set up when first opened</source>
      <translation>vacía: se preparará la primera vez que se abra</translation>
    </message>
    <message>
      <source>endoscopy {date}</source>
      <translation>endoscopía {date}</translation>
    </message>
    <message>
      <source>height x width first (de Oliveira 1997)</source>
      <translation>primero altura x ancho (de Oliveira 1997)</translation>
    </message>
    <message>
      <source>none</source>
      <translation>ninguno</translation>
    </message>
    <message>
      <source>ok</source>
      <translation>correcta</translation>
    </message>
    <message>
      <source>older schema: run 'barium-tracker db upgrade' (a backup is made first)</source>
      <translation>esquema más antiguo: ejecute 'barium-tracker db upgrade' (primero se hace una copia de seguridad)</translation>
    </message>
    <message>
      <source>total &lt;= {max}</source>
      <translation>puntaje total &lt;= {max}</translation>
    </message>
    <message>
      <source>traced area first (Sanagapalli)</source>
      <translation>primero el área trazada (Sanagapalli)</translation>
    </message>
    <message>
      <source>up to date</source>
      <translation>actualizada</translation>
    </message>
    <message>
      <source>{columns} x {rows} pixels (columns x rows)</source>
      <translation>{columns} x {rows} píxeles (columnas x filas)</translation>
    </message>
    <message>
      <source>{count} image(s)</source>
      <translation>{count} imagen(es)</translation>
    </message>
    <message>
      <source>{count} patient(s)</source>
      <translation>{count} paciente(s)</translation>
    </message>
    <message>
      <source>{current} (this version knows up to {head})</source>
      <translation>{current} (esta versión conoce hasta {head})</translation>
    </message>
    <message>
      <source>{file} has no scale of its own: give --calibrate X1,Y1,X2,Y2,LENGTH_MM with two points on an object of known length (the 13 mm barium tablet, a ruler) to measure on it.</source>
      <translation>{file} no tiene escala propia: para medir en él, indique --calibrate X1,Y1,X2,Y2,LONGITUD_MM con dos puntos sobre un objeto de longitud conocida (la tableta de bario de 13 mm, una regla).</translation>
    </message>
    <message>
      <source>{location} ({backend})</source>
      <translation>{location} ({backend})</translation>
    </message>
    <message>
      <source>{location}: schema {current} (newest known: {head})</source>
      <translation>{location}: esquema {current} (el más reciente conocido: {head})</translation>
    </message>
    <message>
      <source>{option} {value}: write it as {form}, numbers with a decimal point (e.g. {example})</source>
      <translation>{option} {value}: escríbalo como {form}, números con punto decimal (p. ej., {example})</translation>
    </message>
    <message>
      <source>{rows} x {columns} px</source>
      <translation>{rows} x {columns} px</translation>
    </message>
    <message>
      <source>{row} mm x {column} mm (row x column)</source>
      <translation>{row} mm x {column} mm (fila x columna)</translation>
    </message>
    <message>
      <source>{where}: {file} ({media_type}, {kib} KiB, {size}, calibration {calibration}), {by} {at}</source>
      <translation>{where}: {file} ({media_type}, {kib} KiB, {size}, calibración {calibration}), {by} {at}</translation>
    </message>
  </context>
  <context>
    <name>cohort</name>
    <message>
      <source>No TBE after the latest procedure</source>
      <translation>No hay esofagograma después del último procedimiento</translation>
    </message>
    <message>
      <source>No procedure recorded</source>
      <translation>No hay procedimiento registrado</translation>
    </message>
  </context>
  <context>
    <name>enums</name>
    <message>
      <source>Achalasia type I</source>
      <translation>Acalasia tipo I</translation>
    </message>
    <message>
      <source>Achalasia type II</source>
      <translation>Acalasia tipo II</translation>
    </message>
    <message>
      <source>Achalasia type III</source>
      <translation>Acalasia tipo III</translation>
    </message>
    <message>
      <source>Anterior</source>
      <translation>Anterior</translation>
    </message>
    <message>
      <source>Balloon dilation</source>
      <translation>Dilatación con balón</translation>
    </message>
    <message>
      <source>Botulinum toxin</source>
      <translation>Toxina botulínica</translation>
    </message>
    <message>
      <source>Botulinum toxin injection</source>
      <translation>Inyección de toxina botulínica</translation>
    </message>
    <message>
      <source>Could not be passed</source>
      <translation>No se pudo franquear</translation>
    </message>
    <message>
      <source>Dor (anterior)</source>
      <translation>Dor (anterior)</translation>
    </message>
    <message>
      <source>EGJ outflow obstruction</source>
      <translation>Obstrucción al flujo de salida de la UEG (EGJOO)</translation>
    </message>
    <message>
      <source>EGJOO</source>
      <translation>EGJOO</translation>
    </message>
    <message>
      <source>Easy opening</source>
      <translation>Apertura fácil</translation>
    </message>
    <message>
      <source>Female</source>
      <translation>Femenino</translation>
    </message>
    <message>
      <source>Heller myotomy</source>
      <translation>Miotomía de Heller</translation>
    </message>
    <message>
      <source>Inconclusive</source>
      <translation>No concluyente</translation>
    </message>
    <message>
      <source>LA grade A</source>
      <translation>Grado A de Los Ángeles</translation>
    </message>
    <message>
      <source>LA grade B</source>
      <translation>Grado B de Los Ángeles</translation>
    </message>
    <message>
      <source>LA grade C</source>
      <translation>Grado C de Los Ángeles</translation>
    </message>
    <message>
      <source>LA grade D</source>
      <translation>Grado D de Los Ángeles</translation>
    </message>
    <message>
      <source>LHM</source>
      <translation>MHL</translation>
    </message>
    <message>
      <source>Laparoscopic Heller myotomy</source>
      <translation>Miotomía de Heller laparoscópica</translation>
    </message>
    <message>
      <source>Male</source>
      <translation>Masculino</translation>
    </message>
    <message>
      <source>Mild</source>
      <translation>Leve</translation>
    </message>
    <message>
      <source>Moderate</source>
      <translation>Moderada</translation>
    </message>
    <message>
      <source>Myotomy</source>
      <translation>Miotomía</translation>
    </message>
    <message>
      <source>No oesophagitis</source>
      <translation>Sin esofagitis</translation>
    </message>
    <message>
      <source>None</source>
      <translation>Ninguna</translation>
    </message>
    <message>
      <source>Normal motility</source>
      <translation>Motilidad normal</translation>
    </message>
    <message>
      <source>Not assessed</source>
      <translation>No evaluado</translation>
    </message>
    <message>
      <source>Not given</source>
      <translation>No administrada</translation>
    </message>
    <message>
      <source>Oesophagectomy</source>
      <translation>Esofagectomía</translation>
    </message>
    <message>
      <source>Opens with resistance</source>
      <translation>Se abre con resistencia</translation>
    </message>
    <message>
      <source>Other</source>
      <translation>Otro</translation>
    </message>
    <message>
      <source>Other procedure</source>
      <translation>Otro procedimiento</translation>
    </message>
    <message>
      <source>POEM</source>
      <translation>POEM</translation>
    </message>
    <message>
      <source>Passed</source>
      <translation>Pasó</translation>
    </message>
    <message>
      <source>Pneumatic/balloon dilation</source>
      <translation>Dilatación neumática/con balón</translation>
    </message>
    <message>
      <source>Posterior</source>
      <translation>Posterior</translation>
    </message>
    <message>
      <source>Redo Heller myotomy</source>
      <translation>Miotomía de Heller de revisión</translation>
    </message>
    <message>
      <source>Redo LHM</source>
      <translation>MHL de revisión</translation>
    </message>
    <message>
      <source>Redo POEM</source>
      <translation>POEM de revisión</translation>
    </message>
    <message>
      <source>Retained</source>
      <translation>Retenida</translation>
    </message>
    <message>
      <source>Semi-upright</source>
      <translation>Semierguido</translation>
    </message>
    <message>
      <source>Severe</source>
      <translation>Grave</translation>
    </message>
    <message>
      <source>Toupet (posterior)</source>
      <translation>Toupet (posterior)</translation>
    </message>
    <message>
      <source>Unknown</source>
      <translation>Desconocido</translation>
    </message>
    <message>
      <source>Upright</source>
      <translation>De pie</translation>
    </message>
  </context>
  <context>
    <name>fields</name>
    <message>
      <source>13 mm barium tablet</source>
      <translation>Tableta de bario de 13 mm</translation>
    </message>
    <message>
      <source>A rescue procedure, after a failed treatment</source>
      <translation>Un procedimiento de rescate, después de un tratamiento fallido</translation>
    </message>
    <message>
      <source>Access</source>
      <translation>Acceso</translation>
    </message>
    <message>
      <source>Anaesthesia</source>
      <translation>Anestesia</translation>
    </message>
    <message>
      <source>Area</source>
      <translation>Área</translation>
    </message>
    <message>
      <source>Area at {minute} min</source>
      <translation>Área al minuto {minute}</translation>
    </message>
    <message>
      <source>Area inside the column's outline traced on the film (Sanagapalli's area); measured on the image, never typed</source>
      <translation>Área dentro del contorno de la columna trazado en la placa (el área de Sanagapalli); se mide en la imagen, nunca se escribe</translation>
    </message>
    <message>
      <source>Assessment date</source>
      <translation>Fecha de la evaluación</translation>
    </message>
    <message>
      <source>Balloon diameter</source>
      <translation>Diámetro del balón</translation>
    </message>
    <message>
      <source>Balloon inflation pressure</source>
      <translation>Presión de insuflación del balón</translation>
    </message>
    <message>
      <source>Barium column height from the gastro-oesophageal junction; 0 = complete emptying</source>
      <translation>Altura de la columna de bario desde la unión esofagogástrica; 0 = vaciamiento completo</translation>
    </message>
    <message>
      <source>Barium type</source>
      <translation>Tipo de bario</translation>
    </message>
    <message>
      <source>Barium volume</source>
      <translation>Volumen de bario</translation>
    </message>
    <message>
      <source>Birth date</source>
      <translation>Fecha de nacimiento</translation>
    </message>
    <message>
      <source>Botulinum toxin dose</source>
      <translation>Dosis de toxina botulínica</translation>
    </message>
    <message>
      <source>Brand and density of the barium (e.g. 45 % w/v)</source>
      <translation>Marca y densidad del bario (p. ej., 45 % p/v)</translation>
    </message>
    <message>
      <source>Chicago v4.0 diagnosis</source>
      <translation>Diagnóstico según Chicago v4.0</translation>
    </message>
    <message>
      <source>Column area at {minute} min (traced)</source>
      <translation>Área de la columna a los {minute} min (trazada)</translation>
    </message>
    <message>
      <source>Complication details</source>
      <translation>Detalles de las complicaciones</translation>
    </message>
    <message>
      <source>Complications</source>
      <translation>Complicaciones</translation>
    </message>
    <message>
      <source>Conclusive</source>
      <translation>Concluyente</translation>
    </message>
    <message>
      <source>DCI</source>
      <translation>DCI</translation>
    </message>
    <message>
      <source>Days in hospital; 0 = same day</source>
      <translation>Días de hospitalización; 0 = el mismo día</translation>
    </message>
    <message>
      <source>Depends on the manometry system and catheter (often 15 mmHg supine).</source>
      <translation>Depende del sistema y del catéter de manometría (a menudo 15 mmHg en decúbito supino).</translation>
    </message>
    <message>
      <source>Diagnosis</source>
      <translation>Diagnóstico</translation>
    </message>
    <message>
      <source>Diagnosis date</source>
      <translation>Fecha del diagnóstico</translation>
    </message>
    <message>
      <source>Distal contractile integral</source>
      <translation>Integral contráctil distal</translation>
    </message>
    <message>
      <source>Dose in units; 100 U is common</source>
      <translation>Dosis en unidades; 100 U es lo habitual</translation>
    </message>
    <message>
      <source>Dysphagia</source>
      <translation>Disfagia</translation>
    </message>
    <message>
      <source>Eckardt score</source>
      <translation>Puntaje de Eckardt</translation>
    </message>
    <message>
      <source>Endoscopy</source>
      <translation>Endoscopía</translation>
    </message>
    <message>
      <source>Endoscopy date</source>
      <translation>Fecha de la endoscopía</translation>
    </message>
    <message>
      <source>Failed swallows</source>
      <translation>Degluciones fallidas</translation>
    </message>
    <message>
      <source>Family name</source>
      <translation>Apellidos</translation>
    </message>
    <message>
      <source>Film</source>
      <translation>Placa</translation>
    </message>
    <message>
      <source>Findings</source>
      <translation>Hallazgos</translation>
    </message>
    <message>
      <source>Food or fluid retained in the oesophagus</source>
      <translation>Alimento o líquido retenido en el esófago</translation>
    </message>
    <message>
      <source>Fundoplication</source>
      <translation>Funduplicatura</translation>
    </message>
    <message>
      <source>Gastric myotomy length</source>
      <translation>Longitud de la miotomía gástrica</translation>
    </message>
    <message>
      <source>Given name</source>
      <translation>Nombres</translation>
    </message>
    <message>
      <source>Height</source>
      <translation>Altura</translation>
    </message>
    <message>
      <source>Height at {minute} min</source>
      <translation>Altura al minuto {minute}</translation>
    </message>
    <message>
      <source>Height x width, the column's area estimate (de Oliveira 1997); derived, never typed</source>
      <translation>Altura x ancho, la estimación del área de la columna (de Oliveira 1997); se calcula, nunca se escribe</translation>
    </message>
    <message>
      <source>IRP supine</source>
      <translation>IRP en decúbito supino</translation>
    </message>
    <message>
      <source>IRP upper limit of normal</source>
      <translation>Límite superior normal de la IRP</translation>
    </message>
    <message>
      <source>IRP upright</source>
      <translation>IRP de pie</translation>
    </message>
    <message>
      <source>Injection sites</source>
      <translation>Puntos de inyección</translation>
    </message>
    <message>
      <source>Knife</source>
      <translation>Bisturí endoscópico</translation>
    </message>
    <message>
      <source>LES opening</source>
      <translation>Apertura del EEI</translation>
    </message>
    <message>
      <source>LES resting pressure</source>
      <translation>Presión de reposo del EEI</translation>
    </message>
    <message>
      <source>Length of stay</source>
      <translation>Duración de la hospitalización</translation>
    </message>
    <message>
      <source>MRN</source>
      <translation>N.º de HC</translation>
    </message>
    <message>
      <source>Manometry</source>
      <translation>Manometría</translation>
    </message>
    <message>
      <source>Manometry date</source>
      <translation>Fecha de la manometría</translation>
    </message>
    <message>
      <source>Manometry system and catheter</source>
      <translation>Sistema y catéter de manometría</translation>
    </message>
    <message>
      <source>Maximal width of the barium column</source>
      <translation>Ancho máximo de la columna de bario</translation>
    </message>
    <message>
      <source>Median integrated relaxation pressure, supine</source>
      <translation>Mediana de la presión de relajación integrada, en decúbito supino</translation>
    </message>
    <message>
      <source>Median integrated relaxation pressure, upright</source>
      <translation>Mediana de la presión de relajación integrada, de pie</translation>
    </message>
    <message>
      <source>Medical record number</source>
      <translation>Número de historia clínica</translation>
    </message>
    <message>
      <source>Minute</source>
      <translation>Minuto</translation>
    </message>
    <message>
      <source>Minute after ingestion at which the tablet result was seen</source>
      <translation>Minuto tras la ingesta en que se observó el resultado de la tableta</translation>
    </message>
    <message>
      <source>Myotomy length</source>
      <translation>Longitud de la miotomía</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>Notas</translation>
    </message>
    <message>
      <source>Number of injection sites</source>
      <translation>Número de puntos de inyección</translation>
    </message>
    <message>
      <source>Oesophagitis (LA grade)</source>
      <translation>Esofagitis (grado de Los Ángeles)</translation>
    </message>
    <message>
      <source>Operator</source>
      <translation>Operador</translation>
    </message>
    <message>
      <source>POEM access</source>
      <translation>Acceso del POEM</translation>
    </message>
    <message>
      <source>Pan-oesophageal pressurisation</source>
      <translation>Presurización panesofágica</translation>
    </message>
    <message>
      <source>Patient</source>
      <translation>Paciente</translation>
    </message>
    <message>
      <source>Patient notes</source>
      <translation>Notas del paciente</translation>
    </message>
    <message>
      <source>Position</source>
      <translation>Posición</translation>
    </message>
    <message>
      <source>Premature swallows</source>
      <translation>Degluciones prematuras</translation>
    </message>
    <message>
      <source>Procedure</source>
      <translation>Procedimiento</translation>
    </message>
    <message>
      <source>Procedure date</source>
      <translation>Fecha del procedimiento</translation>
    </message>
    <message>
      <source>Procedure time</source>
      <translation>Duración del procedimiento</translation>
    </message>
    <message>
      <source>Procedure type</source>
      <translation>Tipo de procedimiento</translation>
    </message>
    <message>
      <source>Regurgitation</source>
      <translation>Regurgitación</translation>
    </message>
    <message>
      <source>Rescue</source>
      <translation>Rescate</translation>
    </message>
    <message>
      <source>Residue</source>
      <translation>Residuos</translation>
    </message>
    <message>
      <source>Retrosternal pain</source>
      <translation>Dolor retroesternal</translation>
    </message>
    <message>
      <source>Sex</source>
      <translation>Sexo</translation>
    </message>
    <message>
      <source>Study date</source>
      <translation>Fecha del estudio</translation>
    </message>
    <message>
      <source>Study notes</source>
      <translation>Notas del estudio</translation>
    </message>
    <message>
      <source>Study time</source>
      <translation>Hora del estudio</translation>
    </message>
    <message>
      <source>Sum of the four items (0-12); derived, never typed</source>
      <translation>Suma de los cuatro ítems (0-12); se calcula, nunca se escribe</translation>
    </message>
    <message>
      <source>System</source>
      <translation>Sistema</translation>
    </message>
    <message>
      <source>TBE study</source>
      <translation>Esofagograma</translation>
    </message>
    <message>
      <source>Tablet</source>
      <translation>Tableta</translation>
    </message>
    <message>
      <source>Tablet minute</source>
      <translation>Minuto de la tableta</translation>
    </message>
    <message>
      <source>The balloon's diameter in millimetres (not a volume); 30, 35 or 40 mm</source>
      <translation>El diámetro del balón en milímetros (no un volumen); 30, 35 o 40 mm</translation>
    </message>
    <message>
      <source>The knife used, e.g. hybrid T-knife</source>
      <translation>El bisturí endoscópico usado, p. ej., bisturí híbrido en T</translation>
    </message>
    <message>
      <source>The part of the total myotomy below the gastro-oesophageal junction (GEJ)</source>
      <translation>La parte de la miotomía total por debajo de la unión esofagogástrica (UEG)</translation>
    </message>
    <message>
      <source>Time of day of the study (HH:MM); two studies of one patient on one day need it</source>
      <translation>Hora del estudio (HH:MM); la necesitan dos estudios de un paciente en un mismo día</translation>
    </message>
    <message>
      <source>Total myotomy length, oesophageal and gastric parts together</source>
      <translation>Longitud total de la miotomía, partes esofágica y gástrica juntas</translation>
    </message>
    <message>
      <source>Traced area</source>
      <translation>Área trazada</translation>
    </message>
    <message>
      <source>Volume of barium swallowed; use the same volume at follow-up</source>
      <translation>Volumen de bario ingerido; use el mismo volumen en el control</translation>
    </message>
    <message>
      <source>Weight</source>
      <translation>Peso</translation>
    </message>
    <message>
      <source>Weight loss</source>
      <translation>Pérdida de peso</translation>
    </message>
    <message>
      <source>Width</source>
      <translation>Ancho</translation>
    </message>
    <message>
      <source>Width at {minute} min</source>
      <translation>Ancho al minuto {minute}</translation>
    </message>
    <message>
      <source>balloon</source>
      <translation>balón</translation>
    </message>
    <message>
      <source>dose</source>
      <translation>dosis</translation>
    </message>
    <message>
      <source>e.g. general, deep sedation</source>
      <translation>p. ej., general, sedación profunda</translation>
    </message>
    <message>
      <source>endoscopy</source>
      <translation>endoscopía</translation>
    </message>
    <message>
      <source>film</source>
      <translation>placa</translation>
    </message>
    <message>
      <source>fundoplication</source>
      <translation>funduplicatura</translation>
    </message>
    <message>
      <source>gastric</source>
      <translation>gástrica</translation>
    </message>
    <message>
      <source>inflation pressure</source>
      <translation>presión de insuflación</translation>
    </message>
    <message>
      <source>injection sites</source>
      <translation>puntos de inyección</translation>
    </message>
    <message>
      <source>manometry</source>
      <translation>manometría</translation>
    </message>
    <message>
      <source>myotomy</source>
      <translation>miotomía</translation>
    </message>
    <message>
      <source>patient</source>
      <translation>paciente</translation>
    </message>
    <message>
      <source>procedure</source>
      <translation>procedimiento</translation>
    </message>
    <message>
      <source>stay</source>
      <translation>hospitalización</translation>
    </message>
  </context>
  <context>
    <name>report</name>
    <message>
      <source>(complete emptying)</source>
      <translation>(vaciamiento completo)</translation>
    </message>
    <message>
      <source>(not conclusive)</source>
      <translation>(no concluyente)</translation>
    </message>
    <message>
      <source>1 day</source>
      <translation>1 día</translation>
    </message>
    <message>
      <source>Barium {details}</source>
      <translation>Bario: {details}</translation>
    </message>
    <message>
      <source>Change in {label!l}</source>
      <translation>Cambio de {label!l}</translation>
    </message>
    <message>
      <source>Charts</source>
      <translation>Gráficos</translation>
    </message>
    <message>
      <source>Course of the barium column</source>
      <translation>Evolución de la columna de bario</translation>
    </message>
    <message>
      <source>Course of the barium column height at each timed film, with procedures (grey lines), the Eckardt score (right axis) and the published thresholds (dotted).</source>
      <translation>Evolución de la altura de la columna de bario en cada placa cronometrada, con los procedimientos (líneas grises), el puntaje de Eckardt (eje derecho) y los umbrales publicados (punteados).</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>Fecha</translation>
    </message>
    <message>
      <source>Details</source>
      <translation>Detalles</translation>
    </message>
    <message>
      <source>Diagnosis and manometry</source>
      <translation>Diagnóstico y manometría</translation>
    </message>
    <message>
      <source>Diagnostic TBE criteria (studies before the first procedure)</source>
      <translation>Criterios diagnósticos del esofagograma (estudios antes del primer procedimiento)</translation>
    </message>
    <message>
      <source>Eckardt symptom score</source>
      <translation>Puntaje de síntomas de Eckardt</translation>
    </message>
    <message>
      <source>Emptying curves</source>
      <translation>Curvas de vaciamiento</translation>
    </message>
    <message>
      <source>Emptying curves: column height against minutes after ingestion for the last study before and each study after the most recent procedure (dashed: before).</source>
      <translation>Curvas de vaciamiento: altura de la columna según los minutos tras la ingesta, para el último estudio antes y cada estudio después del procedimiento más reciente (discontinua: antes).</translation>
    </message>
    <message>
      <source>Endoscopy</source>
      <translation>Endoscopía</translation>
    </message>
    <message>
      <source>Every timed film: column height (from the gastro-oesophageal junction) and maximal width; area = height x width (de Oliveira 1997). Height 0 = complete emptying.</source>
      <translation>Cada placa cronometrada: altura de la columna (desde la unión esofagogástrica) y ancho máximo; área = altura x ancho (de Oliveira 1997). Altura 0 = vaciamiento completo.</translation>
    </message>
    <message>
      <source>Finding</source>
      <translation>Hallazgo</translation>
    </message>
    <message>
      <source>Follow-up TBE {date} ({days} days after)</source>
      <translation>Esofagograma de control {date} ({days} días después)</translation>
    </message>
    <message>
      <source>Follow-up TBE {date} ({days} days after; {emptying})</source>
      <translation>Esofagograma de control {date} ({days} días después; {emptying})</translation>
    </message>
    <message>
      <source>For the referring physician. Heights are measured from the gastro-oesophageal junction to the top of the barium column on upright films; a missing value is written as missing, never as 0.</source>
      <translation>Para el médico tratante. Las alturas se miden desde la unión esofagogástrica hasta el extremo superior de la columna de bario en placas de pie; un valor que falta se escribe como faltante, nunca como 0.</translation>
    </message>
    <message>
      <source>Four items of 0 to 3 each, total 0 to {max} ({source}). Treatment success in this clinic: total &lt;= {max_ok}.</source>
      <translation>Cuatro ítems de 0 a 3 cada uno, puntaje total de 0 a {max} ({source}). Éxito del tratamiento en este servicio: puntaje total &lt;= {max_ok}.</translation>
    </message>
    <message>
      <source>Generated {time} by Barium Tracker {version}</source>
      <translation>Generado el {time} por Barium Tracker {version}</translation>
    </message>
    <message>
      <source>High-resolution manometry (Chicago Classification v4.0)</source>
      <translation>Manometría esofágica de alta resolución (Clasificación de Chicago v4.0)</translation>
    </message>
    <message>
      <source>Most recent procedure first. The reference is the last TBE before the procedure; each follow-up is a TBE after it and before the next procedure. Change = (after - before) / before at the same minute. Every rule is listed with its source (numbered references at the end).</source>
      <translation>Primero el procedimiento más reciente. El estudio de referencia es el último esofagograma antes del procedimiento; cada control es un esofagograma posterior a él y anterior al siguiente procedimiento. Cambio = (después - antes) / antes en el mismo minuto. Cada regla figura con su fuente (referencias numeradas al final).</translation>
    </message>
    <message>
      <source>Most recent treatment with a follow-up TBE: {procedure} on {date}. Column height at {minute} min {before} before, {after} on {follow_up} ({change}).</source>
      <translation>Tratamiento más reciente con esofagograma de control: {procedure} el {date}. Altura de la columna al minuto {minute}: {before} antes, {after} el {follow_up} ({change}).</translation>
    </message>
    <message>
      <source>No</source>
      <translation>No</translation>
    </message>
    <message>
      <source>No Eckardt score recorded.</source>
      <translation>No hay puntaje de Eckardt registrado.</translation>
    </message>
    <message>
      <source>No TBE studies recorded</source>
      <translation>No hay esofagogramas registrados</translation>
    </message>
    <message>
      <source>No endoscopy recorded.</source>
      <translation>No hay endoscopía registrada.</translation>
    </message>
    <message>
      <source>No follow-up study before the next procedure.</source>
      <translation>No hay estudio de control antes del siguiente procedimiento.</translation>
    </message>
    <message>
      <source>No follow-up study yet.</source>
      <translation>Todavía no hay estudio de control.</translation>
    </message>
    <message>
      <source>No manometry recorded.</source>
      <translation>No hay manometría registrada.</translation>
    </message>
    <message>
      <source>No minute measured on both studies.</source>
      <translation>Ningún minuto se midió en ambos estudios.</translation>
    </message>
    <message>
      <source>No procedure recorded.</source>
      <translation>No hay procedimiento registrado.</translation>
    </message>
    <message>
      <source>No procedure recorded: no response to assess.</source>
      <translation>No hay procedimiento registrado: no hay respuesta que evaluar.</translation>
    </message>
    <message>
      <source>None</source>
      <translation>Ninguna</translation>
    </message>
    <message>
      <source>Other findings</source>
      <translation>Otros hallazgos</translation>
    </message>
    <message>
      <source>Page {page} of {count}</source>
      <translation>Página {page} de {count}</translation>
    </message>
    <message>
      <source>Patient</source>
      <translation>Paciente</translation>
    </message>
    <message>
      <source>Procedure</source>
      <translation>Procedimiento</translation>
    </message>
    <message>
      <source>Procedures</source>
      <translation>Procedimientos</translation>
    </message>
    <message>
      <source>Reference study: {study}</source>
      <translation>Estudio de referencia: {study}</translation>
    </message>
    <message>
      <source>References</source>
      <translation>Referencias</translation>
    </message>
    <message>
      <source>Relation to procedures</source>
      <translation>Relación con los procedimientos</translation>
    </message>
    <message>
      <source>Report generated</source>
      <translation>Informe generado</translation>
    </message>
    <message>
      <source>Response to treatment</source>
      <translation>Respuesta al tratamiento</translation>
    </message>
    <message>
      <source>Rule</source>
      <translation>Regla</translation>
    </message>
    <message>
      <source>Source</source>
      <translation>Fuente</translation>
    </message>
    <message>
      <source>Study</source>
      <translation>Estudio</translation>
    </message>
    <message>
      <source>Symptoms and concordance ({eckardt})</source>
      <translation>Síntomas y concordancia ({eckardt})</translation>
    </message>
    <message>
      <source>TBE report</source>
      <translation>Informe de esofagograma</translation>
    </message>
    <message>
      <source>TBE report: {patient}</source>
      <translation>Informe de esofagograma: {patient}</translation>
    </message>
    <message>
      <source>TBE {date}</source>
      <translation>Esofagograma {date}</translation>
    </message>
    <message>
      <source>The films before and after the procedure</source>
      <translation>Las placas antes y después del procedimiento</translation>
    </message>
    <message>
      <source>The {minute}-min films of the study before and after the procedure, side by side at the same scale, with the column height as measured on each and the calibration it used.</source>
      <translation>Las placas del minuto {minute} del estudio antes y después del procedimiento, lado a lado a la misma escala, con la altura de la columna medida en cada una y la calibración usada.</translation>
    </message>
    <message>
      <source>Timed barium esophagogram (TBE) report</source>
      <translation>Informe de esofagograma baritado cronometrado (EBC)</translation>
    </message>
    <message>
      <source>Timed barium esophagogram studies</source>
      <translation>Estudios de esofagograma baritado cronometrado</translation>
    </message>
    <message>
      <source>Total &lt;= {max_ok}</source>
      <translation>Puntaje total &lt;= {max_ok}</translation>
    </message>
    <message>
      <source>Yes</source>
      <translation>Sí</translation>
    </message>
    <message>
      <source>barium volume not recorded</source>
      <translation>volumen de bario no registrado</translation>
    </message>
    <message>
      <source>birth date not recorded</source>
      <translation>fecha de nacimiento no registrada</translation>
    </message>
    <message>
      <source>n/a</source>
      <translation>n/d</translation>
    </message>
    <message>
      <source>no</source>
      <translation>no</translation>
    </message>
    <message>
      <source>no details recorded</source>
      <translation>sin detalles registrados</translation>
    </message>
    <message>
      <source>no films recorded</source>
      <translation>no hay placas registradas</translation>
    </message>
    <message>
      <source>no free text</source>
      <translation>sin texto libre</translation>
    </message>
    <message>
      <source>no procedure recorded</source>
      <translation>no hay procedimiento registrado</translation>
    </message>
    <message>
      <source>none before this procedure</source>
      <translation>ninguno antes de este procedimiento</translation>
    </message>
    <message>
      <source>none recorded</source>
      <translation>nada registrado</translation>
    </message>
    <message>
      <source>not measured</source>
      <translation>no medido</translation>
    </message>
    <message>
      <source>not recorded</source>
      <translation>no registrado</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>sí</translation>
    </message>
    <message>
      <source>{date}</source>
      <translation>{date}</translation>
    </message>
    <message>
      <source>{date} ({age} years)</source>
      <translation>{date} ({age} años)</translation>
    </message>
    <message>
      <source>{date} {time}</source>
      <translation>{date} {time}</translation>
    </message>
    <message>
      <source>{days} after {procedure}</source>
      <translation>{days} después de {procedure}</translation>
    </message>
    <message>
      <source>{days} before {procedure}</source>
      <translation>{days} antes de {procedure}</translation>
    </message>
    <message>
      <source>{details}</source>
      <translation>{details}</translation>
    </message>
    <message>
      <source>{diagnosis}, since {date}</source>
      <translation>{diagnosis}, desde {date}</translation>
    </message>
    <message>
      <source>{items}</source>
      <translation>{items}</translation>
    </message>
    <message>
      <source>{label} after ({unit})</source>
      <translation>{label} después ({unit})</translation>
    </message>
    <message>
      <source>{label} before ({unit})</source>
      <translation>{label} antes ({unit})</translation>
    </message>
    <message>
      <source>{label} {value}</source>
      <translation>{label} {value}</translation>
    </message>
    <message>
      <source>{label}: {area}</source>
      <translation>{label}: {area}</translation>
    </message>
    <message>
      <source>{label}: {before} before, {after} after</source>
      <translation>{label}: {before} antes, {after} después</translation>
    </message>
    <message>
      <source>{label}: {before} before, {after} after ({change})</source>
      <translation>{label}: {before} antes, {after} después ({change})</translation>
    </message>
    <message>
      <source>{label}: {diagnosis} since {date}.</source>
      <translation>{label}: {diagnosis} desde {date}.</translation>
    </message>
    <message>
      <source>{label}: {diagnosis}.</source>
      <translation>{label}: {diagnosis}.</translation>
    </message>
    <message>
      <source>{label}: {result!l}</source>
      <translation>{label}: {result!l}</translation>
    </message>
    <message>
      <source>{label}: {result!l} by {minute}</source>
      <translation>{label}: {result!l} al cabo de {minute}</translation>
    </message>
    <message>
      <source>{mark} {verdict}</source>
      <translation>{mark} {verdict}</translation>
    </message>
    <message>
      <source>{minute} min: {source}</source>
      <translation>{minute} min: {source}</translation>
    </message>
    <message>
      <source>{name} - MRN {mrn}</source>
      <translation>{name} - N.º de HC {mrn}</translation>
    </message>
    <message>
      <source>{n} days</source>
      <translation>{n} días</translation>
    </message>
    <message>
      <source>{procedure}, {date}</source>
      <translation>{procedure}, {date}</translation>
    </message>
    <message>
      <source>{text}</source>
      <translation>{text}</translation>
    </message>
    <message>
      <source>{text}.</source>
      <translation>{text}.</translation>
    </message>
    <message>
      <source>{text}: no chart to draw.</source>
      <translation>{text}: no hay gráfico que dibujar.</translation>
    </message>
    <message>
      <source>{total}/{max}</source>
      <translation>{total}/{max}</translation>
    </message>
    <message>
      <source>{value}</source>
      <translation>{value}</translation>
    </message>
  </context>
  <context>
    <name>summary</name>
    <message>
      <source>(no events recorded)</source>
      <translation>(no hay eventos registrados)</translation>
    </message>
    <message>
      <source>({days} days after)</source>
      <translation>({days} días después)</translation>
    </message>
    <message>
      <source>({days} days after; {emptying})</source>
      <translation>({days} días después; {emptying})</translation>
    </message>
    <message>
      <source>Born unknown, {sex!l}</source>
      <translation>Fecha de nacimiento desconocida, sexo {sex!l}</translation>
    </message>
    <message>
      <source>Born {date}, {age} years, {sex!l}</source>
      <translation>Fecha de nacimiento {date}, {age} años, sexo {sex!l}</translation>
    </message>
    <message>
      <source>Born {date}, {sex!l}</source>
      <translation>Fecha de nacimiento {date}, sexo {sex!l}</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>Fecha</translation>
    </message>
    <message>
      <source>Eckardt: {before} before, {after} after</source>
      <translation>Eckardt: {before} antes, {after} después</translation>
    </message>
    <message>
      <source>Eckardt: {before} before, {after} after ({change})</source>
      <translation>Eckardt: {before} antes, {after} después ({change})</translation>
    </message>
    <message>
      <source>Follow-up {date}</source>
      <translation>Control {date}</translation>
    </message>
    <message>
      <source>No Eckardt score yet: {menu}, {keys}.</source>
      <translation>Todavía no hay puntaje de Eckardt: {menu}, {keys}.</translation>
    </message>
    <message>
      <source>No TBE study recorded yet.</source>
      <translation>Todavía no hay esofagogramas registrados.</translation>
    </message>
    <message>
      <source>No events recorded yet.</source>
      <translation>Todavía no hay eventos registrados.</translation>
    </message>
    <message>
      <source>No follow-up study before the next procedure.</source>
      <translation>No hay estudio de control antes del siguiente procedimiento.</translation>
    </message>
    <message>
      <source>No follow-up study yet.</source>
      <translation>Todavía no hay estudio de control.</translation>
    </message>
    <message>
      <source>No follow-up study yet: {menu}, {keys}.</source>
      <translation>Todavía no hay estudio de control: {menu}, {keys}.</translation>
    </message>
    <message>
      <source>No minute measured on both studies.</source>
      <translation>Ningún minuto se midió en ambos estudios.</translation>
    </message>
    <message>
      <source>No procedure recorded yet.</source>
      <translation>Todavía no hay procedimientos registrados.</translation>
    </message>
    <message>
      <source>No procedure recorded yet: {menu}, {keys}. The response to each treatment will show here.</source>
      <translation>Todavía no hay procedimientos registrados: {menu}, {keys}. Aquí se mostrará la respuesta a cada tratamiento.</translation>
    </message>
    <message>
      <source>Reference study: {study}</source>
      <translation>Estudio de referencia: {study}</translation>
    </message>
    <message>
      <source>Response to {procedure} on {date}</source>
      <translation>Respuesta a {procedure} del {date}</translation>
    </message>
    <message>
      <source>Response to {procedure}, {date}</source>
      <translation>Respuesta a {procedure}, {date}</translation>
    </message>
    <message>
      <source>TBE studies</source>
      <translation>Esofagogramas</translation>
    </message>
    <message>
      <source>Timeline</source>
      <translation>Línea de tiempo</translation>
    </message>
    <message>
      <source>before: {before}; after: {after}</source>
      <translation>antes: {before}; después: {after}</translation>
    </message>
    <message>
      <source>n/a</source>
      <translation>n/d</translation>
    </message>
    <message>
      <source>none before this procedure</source>
      <translation>ninguno antes de este procedimiento</translation>
    </message>
    <message>
      <source>not measured</source>
      <translation>no medido</translation>
    </message>
    <message>
      <source>{date}</source>
      <translation>{date}</translation>
    </message>
    <message>
      <source>{height!l} / {width!l} ({unit})</source>
      <translation>{height!l} / {width!l} ({unit})</translation>
    </message>
    <message>
      <source>{label}: {area}</source>
      <translation>{label}: {area}</translation>
    </message>
    <message>
      <source>{label}: {diagnosis}</source>
      <translation>{label}: {diagnosis}</translation>
    </message>
    <message>
      <source>{label}: {diagnosis} since {date}</source>
      <translation>{label}: {diagnosis} desde {date}</translation>
    </message>
    <message>
      <source>{mark} {verdict}  ({source})</source>
      <translation>{mark} {verdict}  ({source})</translation>
    </message>
    <message>
      <source>{minute} min: {before} -&gt; {after} ({change})</source>
      <translation>{minute} min: {before} -&gt; {after} ({change})</translation>
    </message>
    <message>
      <source>{minute} min: {before} -&gt; {after} ({change}); area {area_change}</source>
      <translation>{minute} min: {before} -&gt; {after} ({change}); área {area_change}</translation>
    </message>
    <message>
      <source>{minute} min: {before} -&gt; {after} ({change}); area {area_change} (height x width), traced area {traced_before} -&gt; {traced_after} ({traced_change})</source>
      <translation>{minute} min: {before} -&gt; {after} ({change}); área {area_change} (altura x ancho), área trazada {traced_before} -&gt; {traced_after} ({traced_change})</translation>
    </message>
    <message>
      <source>{minute} min: {before} -&gt; {after} ({change}); traced area {traced_before} -&gt; {traced_after} ({traced_change})</source>
      <translation>{minute} min: {before} -&gt; {after} ({change}); área trazada {traced_before} -&gt; {traced_after} ({traced_change})</translation>
    </message>
    <message>
      <source>{name}  (MRN {mrn})</source>
      <translation>{name}  (N.º de HC {mrn})</translation>
    </message>
    <message>
      <source>{text}</source>
      <translation>{text}</translation>
    </message>
    <message>
      <source>{title}: {criterion}. Source: {source}</source>
      <translation>{title}: {criterion}. Fuente: {source}</translation>
    </message>
    <message>
      <source>{value}</source>
      <translation>{value}</translation>
    </message>
  </context>
  <context>
    <name>verdicts</name>
    <message>
      <source>&lt; {limit} % improvement in column height at 5 min</source>
      <translation>mejoría &lt; {limit} % en la altura de la columna al minuto 5</translation>
    </message>
    <message>
      <source>&gt;= {limit} % reduction in column area (height x width) at 5 min</source>
      <translation>reducción &gt;= {limit} % del área de la columna (altura x ancho) al minuto 5</translation>
    </message>
    <message>
      <source>&gt;= {limit} % reduction in traced column area at 5 min</source>
      <translation>reducción &gt;= {limit} % del área trazada de la columna al minuto 5</translation>
    </message>
    <message>
      <source>Area response: {area} reduced {pct} % at {minute} min, {pre} to {post} cm² (Sanagapalli: &gt;= {limit} %)</source>
      <translation>Respuesta en área: {area} se redujo {pct} % al minuto {minute}, de {pre} a {post} cm² (Sanagapalli: &gt;= {limit} %)</translation>
    </message>
    <message>
      <source>Barium stasis after treatment predicts the need for retreatment (sensitivity 88 %)</source>
      <translation>La estasis de bario después del tratamiento predice la necesidad de retratamiento (sensibilidad 88 %)</translation>
    </message>
    <message>
      <source>Blonski et al., Am J Gastroenterol 2018</source>
      <translation>Blonski et al., Am J Gastroenterol 2018</translation>
    </message>
    <message>
      <source>Blonski: 1-min column</source>
      <translation>Blonski: columna a 1 min</translation>
    </message>
    <message>
      <source>Blonski: 5-min column</source>
      <translation>Blonski: columna al minuto 5</translation>
    </message>
    <message>
      <source>Concordant response: symptoms and emptying both improved, Eckardt {before} to {after} ({symptoms_sign}{symptoms} %), {minute}-min height {pre} to {post} cm ({emptying_sign}{emptying} %) (Suwatthanarak)</source>
      <translation>Respuesta concordante: mejoraron tanto los síntomas como el vaciamiento, Eckardt de {before} a {after} ({symptoms_sign}{symptoms} %), altura al minuto {minute} de {pre} a {post} cm ({emptying_sign}{emptying} %) (Suwatthanarak)</translation>
    </message>
    <message>
      <source>Discordant response: emptying improved but symptoms did not; Eckardt {before} to {after} ({symptoms_sign}{symptoms} %), {minute}-min height {pre} to {post} cm ({emptying_sign}{emptying} %) (Suwatthanarak)</source>
      <translation>Respuesta discordante: el vaciamiento mejoró pero los síntomas no; Eckardt de {before} a {after} ({symptoms_sign}{symptoms} %), altura al minuto {minute} de {pre} a {post} cm ({emptying_sign}{emptying} %) (Suwatthanarak)</translation>
    </message>
    <message>
      <source>Discordant response: symptoms improved but emptying did not, high risk of recurrence; Eckardt {before} to {after} ({symptoms_sign}{symptoms} %), {minute}-min height {pre} to {post} cm ({emptying_sign}{emptying} %) (Suwatthanarak)</source>
      <translation>Respuesta discordante: los síntomas mejoraron pero el vaciamiento no, alto riesgo de recaída; Eckardt de {before} a {after} ({symptoms_sign}{symptoms} %), altura al minuto {minute} de {pre} a {post} cm ({emptying_sign}{emptying} %) (Suwatthanarak)</translation>
    </message>
    <message>
      <source>Does not support achalasia: {height} cm at {minute} min (Blonski: &gt; {limit} cm)</source>
      <translation>No apoya el diagnóstico de acalasia: {height} cm al minuto {minute} (Blonski: &gt; {limit} cm)</translation>
    </message>
    <message>
      <source>Eckardt et al., Gastroenterology 1992;103:1732-1738; success threshold: Werner et al., NEJM 2019;381:2219-2229; Ponds et al., JAMA 2019</source>
      <translation>Eckardt et al., Gastroenterology 1992;103:1732-1738; umbral de éxito: Werner et al., NEJM 2019;381:2219-2229; Ponds et al., JAMA 2019</translation>
    </message>
    <message>
      <source>Eckardt improved &gt; {symptoms} % but 5-min column height improved &lt; {emptying} %</source>
      <translation>el puntaje de Eckardt mejoró &gt; {symptoms} % pero la altura de la columna al minuto 5 mejoró &lt; {emptying} %</translation>
    </message>
    <message>
      <source>Eckardt total at or below the clinic's threshold after treatment (default &lt;= {limit})</source>
      <translation>puntaje total de Eckardt igual o menor que el umbral del servicio después del tratamiento (por defecto &lt;= {limit})</translation>
    </message>
    <message>
      <source>Eckardt: treatment success</source>
      <translation>Eckardt: éxito del tratamiento</translation>
    </message>
    <message>
      <source>Emptying improved {pct} % at {minute} min, {pre} to {post} cm (Vaezi: adequate, &gt;= {limit} %)</source>
      <translation>El vaciamiento mejoró {pct} % al minuto {minute}, de {pre} a {post} cm (Vaezi: adecuado, &gt;= {limit} %)</translation>
    </message>
    <message>
      <source>No area response: {area} grew {pct} % at {minute} min, {pre} to {post} cm² (Sanagapalli: response is &gt;= {limit} %)</source>
      <translation>Sin respuesta en área: {area} aumentó {pct} % al minuto {minute}, de {pre} a {post} cm² (Sanagapalli: hay respuesta con &gt;= {limit} %)</translation>
    </message>
    <message>
      <source>No area response: {area} reduced just under {limit} % at {minute} min, {pre} to {post} cm² (Sanagapalli: response is &gt;= {limit} %)</source>
      <translation>Sin respuesta en área: {area} se redujo apenas menos de {limit} % al minuto {minute}, de {pre} a {post} cm² (Sanagapalli: hay respuesta con &gt;= {limit} %)</translation>
    </message>
    <message>
      <source>No area response: {area} reduced only {pct} % at {minute} min, {pre} to {post} cm² (Sanagapalli: response is &gt;= {limit} %)</source>
      <translation>Sin respuesta en área: {area} se redujo solo {pct} % al minuto {minute}, de {pre} a {post} cm² (Sanagapalli: hay respuesta con &gt;= {limit} %)</translation>
    </message>
    <message>
      <source>No response: neither symptoms nor emptying improved enough, Eckardt {before} to {after} ({symptoms_sign}{symptoms} %), {minute}-min height {pre} to {post} cm ({emptying_sign}{emptying} %) (Suwatthanarak: concordant)</source>
      <translation>Sin respuesta: ni los síntomas ni el vaciamiento mejoraron lo suficiente, Eckardt de {before} a {after} ({symptoms_sign}{symptoms} %), altura al minuto {minute} de {pre} a {post} cm ({emptying_sign}{emptying} %) (Suwatthanarak: concordante)</translation>
    </message>
    <message>
      <source>No stasis: {height} cm at {minute} min (Rohof: stasis is &gt; {limit} cm)</source>
      <translation>Sin estasis: {height} cm al minuto {minute} (Rohof: estasis es &gt; {limit} cm)</translation>
    </message>
    <message>
      <source>No verdict: no Eckardt score after this procedure</source>
      <translation>Sin veredicto: no hay puntaje de Eckardt después de este procedimiento</translation>
    </message>
    <message>
      <source>No verdict: no TBE study before this procedure to compare with</source>
      <translation>Sin veredicto: no hay esofagograma antes de este procedimiento con el cual comparar</translation>
    </message>
    <message>
      <source>No verdict: no column outline was traced on the reference study's {minute}-min film ({date}), and no height x width to compare instead</source>
      <translation>Sin veredicto: no se trazó el contorno de la columna en la placa del minuto {minute} del estudio de referencia ({date}), ni hay altura x ancho para comparar en su lugar</translation>
    </message>
    <message>
      <source>No verdict: no column outline was traced on this study's {minute}-min film, and no height x width to compare instead</source>
      <translation>Sin veredicto: no se trazó el contorno de la columna en la placa del minuto {minute} de este estudio, ni hay altura x ancho para comparar en su lugar</translation>
    </message>
    <message>
      <source>No verdict: the reference {minute}-min column area was 0 cm² (complete emptying before treatment), so no percentage can be computed</source>
      <translation>Sin veredicto: el área de la columna al minuto {minute} en el estudio de referencia era 0 cm² (vaciamiento completo antes del tratamiento), así que no se puede calcular un porcentaje</translation>
    </message>
    <message>
      <source>No verdict: the reference {minute}-min height was 0 cm (complete emptying before treatment), so no percentage can be computed</source>
      <translation>Sin veredicto: la altura al minuto {minute} en el estudio de referencia era 0 cm (vaciamiento completo antes del tratamiento), así que no se puede calcular un porcentaje</translation>
    </message>
    <message>
      <source>No verdict: the {minute}-min height was not measured</source>
      <translation>Sin veredicto: la altura al minuto {minute} no se midió</translation>
    </message>
    <message>
      <source>No verdict: the {minute}-min height was not measured on the reference study ({date})</source>
      <translation>Sin veredicto: la altura al minuto {minute} no se midió en el estudio de referencia ({date})</translation>
    </message>
    <message>
      <source>No verdict: the {minute}-min height was not measured on this study</source>
      <translation>Sin veredicto: la altura al minuto {minute} no se midió en este estudio</translation>
    </message>
    <message>
      <source>No verdict: the {minute}-min width was not measured on the reference study ({date}), so no column area</source>
      <translation>Sin veredicto: el ancho al minuto {minute} no se midió en el estudio de referencia ({date}), así que no hay área de la columna</translation>
    </message>
    <message>
      <source>No verdict: the {minute}-min width was not measured on this study, so no column area</source>
      <translation>Sin veredicto: el ancho al minuto {minute} no se midió en este estudio, así que no hay área de la columna</translation>
    </message>
    <message>
      <source>No verdict: {reasons}</source>
      <translation>Sin veredicto: {reasons}</translation>
    </message>
    <message>
      <source>Poor emptying: improved just under {limit} % at {minute} min, {pre} to {post} cm (Vaezi: &lt; {limit} %)</source>
      <translation>Vaciamiento deficiente: mejoró apenas menos de {limit} % al minuto {minute}, de {pre} a {post} cm (Vaezi: &lt; {limit} %)</translation>
    </message>
    <message>
      <source>Poor emptying: improved only {pct} % at {minute} min, {pre} to {post} cm (Vaezi: &lt; {limit} %)</source>
      <translation>Vaciamiento deficiente: mejoró solo {pct} % al minuto {minute}, de {pre} a {post} cm (Vaezi: &lt; {limit} %)</translation>
    </message>
    <message>
      <source>Poor emptying: the column rose {pct} % at {minute} min, {pre} to {post} cm (Vaezi: &lt; {limit} %)</source>
      <translation>Vaciamiento deficiente: la columna subió {pct} % al minuto {minute}, de {pre} a {post} cm (Vaezi: &lt; {limit} %)</translation>
    </message>
    <message>
      <source>Poor oesophageal emptying despite any symptom relief; high risk of relapse</source>
      <translation>Vaciamiento esofágico deficiente pese a cualquier alivio de los síntomas; alto riesgo de recaída</translation>
    </message>
    <message>
      <source>Radiological response that agrees with symptom response (83 %, AUC 0.85)</source>
      <translation>Respuesta radiológica que concuerda con la respuesta sintomática (83 %, AUC 0,85)</translation>
    </message>
    <message>
      <source>Rohof et al., Am J Gastroenterol 2013;108:49-55</source>
      <translation>Rohof et al., Am J Gastroenterol 2013;108:49-55</translation>
    </message>
    <message>
      <source>Rohof: stasis</source>
      <translation>Rohof: estasis</translation>
    </message>
    <message>
      <source>Sanagapalli et al.</source>
      <translation>Sanagapalli et al.</translation>
    </message>
    <message>
      <source>Sanagapalli: area response</source>
      <translation>Sanagapalli: respuesta en área</translation>
    </message>
    <message>
      <source>Stasis: {height} cm at {minute} min, retreatment likely (Rohof: stasis is &gt; {limit} cm)</source>
      <translation>Estasis: {height} cm al minuto {minute}, probable necesidad de retratamiento (Rohof: estasis es &gt; {limit} cm)</translation>
    </message>
    <message>
      <source>Supports achalasia: {height} cm at {minute} min (Blonski: &gt; {limit} cm)</source>
      <translation>Apoya el diagnóstico de acalasia: {height} cm al minuto {minute} (Blonski: &gt; {limit} cm)</translation>
    </message>
    <message>
      <source>Supports the diagnosis of achalasia (sensitivity 85 %, specificity 86 %)</source>
      <translation>Apoya el diagnóstico de acalasia (sensibilidad 85 %, especificidad 86 %)</translation>
    </message>
    <message>
      <source>Supports the diagnosis of achalasia (sensitivity 94 %, specificity 71 %)</source>
      <translation>Apoya el diagnóstico de acalasia (sensibilidad 94 %, especificidad 71 %)</translation>
    </message>
    <message>
      <source>Suwatthanarak et al., Clin Endosc 2024;57:610-619</source>
      <translation>Suwatthanarak et al., Clin Endosc 2024;57:610-619</translation>
    </message>
    <message>
      <source>Suwatthanarak: symptoms and emptying</source>
      <translation>Suwatthanarak: síntomas y vaciamiento</translation>
    </message>
    <message>
      <source>Symptomatic treatment success as defined in most trials</source>
      <translation>Éxito sintomático del tratamiento según la mayoría de los ensayos</translation>
    </message>
    <message>
      <source>Symptoms improved but emptying did not: recurrence 52.9 % versus 7.7 % when both improve</source>
      <translation>Los síntomas mejoraron pero el vaciamiento no: recaída 52,9 % frente a 7,7 % cuando ambos mejoran</translation>
    </message>
    <message>
      <source>Symptoms persist: Eckardt {total} on {date} (success is &lt;= {limit})</source>
      <translation>Síntomas persistentes: Eckardt {total} el {date} (éxito es &lt;= {limit})</translation>
    </message>
    <message>
      <source>Treatment success: Eckardt {total} on {date} (success is &lt;= {limit})</source>
      <translation>Éxito del tratamiento: Eckardt {total} el {date} (éxito es &lt;= {limit})</translation>
    </message>
    <message>
      <source>Vaezi et al., Am J Gastroenterol 1999;94:1802-1807; Vaezi et al., Gut 2002;50:765-770</source>
      <translation>Vaezi et al., Am J Gastroenterol 1999;94:1802-1807; Vaezi et al., Gut 2002;50:765-770</translation>
    </message>
    <message>
      <source>Vaezi: emptying at 5 min</source>
      <translation>Vaezi: vaciamiento al minuto 5</translation>
    </message>
    <message>
      <source>column area (height x width)</source>
      <translation>el área de la columna (altura x ancho)</translation>
    </message>
    <message>
      <source>height &gt; {limit} cm at 1 min</source>
      <translation>altura &gt; {limit} cm a 1 min</translation>
    </message>
    <message>
      <source>height &gt; {limit} cm at 5 min</source>
      <translation>altura &gt; {limit} cm al minuto 5</translation>
    </message>
    <message>
      <source>height &gt; {limit} cm at 5 min after treatment</source>
      <translation>altura &gt; {limit} cm al minuto 5 después del tratamiento</translation>
    </message>
    <message>
      <source>no Eckardt score after this procedure</source>
      <translation>no hay puntaje de Eckardt después de este procedimiento</translation>
    </message>
    <message>
      <source>no Eckardt score before this procedure</source>
      <translation>no hay puntaje de Eckardt antes de este procedimiento</translation>
    </message>
    <message>
      <source>no TBE study after this procedure</source>
      <translation>no hay esofagograma después de este procedimiento</translation>
    </message>
    <message>
      <source>no TBE study before this procedure</source>
      <translation>no hay esofagograma antes de este procedimiento</translation>
    </message>
    <message>
      <source>the Eckardt score before was 0, so no percentage</source>
      <translation>el puntaje de Eckardt previo era 0, así que no hay porcentaje</translation>
    </message>
    <message>
      <source>the reference {minute}-min height was 0 cm, so no percentage</source>
      <translation>la altura al minuto {minute} en el estudio de referencia era 0 cm, así que no hay porcentaje</translation>
    </message>
    <message>
      <source>the {minute}-min height was not measured on the latest follow-up study ({date})</source>
      <translation>la altura al minuto {minute} no se midió en el último estudio de control ({date})</translation>
    </message>
    <message>
      <source>the {minute}-min height was not measured on the reference study</source>
      <translation>la altura al minuto {minute} no se midió en el estudio de referencia</translation>
    </message>
    <message>
      <source>traced column area</source>
      <translation>el área trazada de la columna</translation>
    </message>
    <message>
      <source>{verdict}; the clinic's choice, the {chosen}, is not on both films</source>
      <translation>{verdict}; la elección de la clínica, {chosen}, no está en ambas placas</translation>
    </message>
  </context>
  <context>
    <name>wording</name>
    <message>
      <source>  ... and {count} more</source>
      <translation>  ... y {count} más</translation>
    </message>
    <message>
      <source>  {problem}</source>
      <translation>  {problem}</translation>
    </message>
    <message>
      <source>'{encoding}' is not an encoding this program knows (e.g. utf-8, cp1252, shift_jis)</source>
      <translation>'{encoding}' no es una codificación que este programa conozca (p. ej., utf-8, cp1252, shift_jis)</translation>
    </message>
    <message>
      <source>'{text}' has a two-digit year; write the year with four digits (ISO YYYY-MM-DD)</source>
      <translation>'{text}' tiene el año con dos dígitos; escriba el año con cuatro dígitos (ISO AAAA-MM-DD)</translation>
    </message>
    <message>
      <source>'{text}' is a number, not a date; write dates as YYYY-MM-DD (or date cells)</source>
      <translation>'{text}' es un número, no una fecha; escriba las fechas como AAAA-MM-DD (o use celdas de fecha)</translation>
    </message>
    <message>
      <source>'{text}' is ambiguous ({first} {second_month} or {first_month} {second}?): use ISO {iso} or pass --day-first (the wizard's 'Dates are day/month/year' box)</source>
      <translation>'{text}' es ambigua (¿{first} de {second_month} o {second} de {first_month}?): use ISO {iso} o indique --day-first (la casilla 'Las fechas son día/mes/año' del asistente)</translation>
    </message>
    <message>
      <source>'{text}' is not a date day/month/year can read; use ISO YYYY-MM-DD</source>
      <translation>'{text}' no es una fecha que se pueda leer como día/mes/año; use ISO AAAA-MM-DD</translation>
    </message>
    <message>
      <source>'{text}' is not a date; use ISO YYYY-MM-DD</source>
      <translation>'{text}' no es una fecha; use ISO AAAA-MM-DD</translation>
    </message>
    <message>
      <source>'{text}' is not a real date (year {year}, month {month}, day {day})</source>
      <translation>'{text}' no es una fecha real (año {year}, mes {month}, día {day})</translation>
    </message>
    <message>
      <source>'{text}' is not a time of day; write HH:MM (24-hour clock)</source>
      <translation>'{text}' no es una hora del día; escriba HH:MM (reloj de 24 horas)</translation>
    </message>
    <message>
      <source>'{text}' is not an ISO date: use ISO {iso} or pass --day-first (the wizard's 'Dates are day/month/year' box)</source>
      <translation>'{text}' no es una fecha ISO: use ISO {iso} o indique --day-first (la casilla 'Las fechas son día/mes/año' del asistente)</translation>
    </message>
    <message>
      <source>+{pct} %</source>
      <translation>+{pct} %</translation>
    </message>
    <message>
      <source>- {line}</source>
      <translation>- {line}</translation>
    </message>
    <message>
      <source>1 problem found; nothing was imported:</source>
      <translation>Se encontró 1 problema; no se importó nada:</translation>
    </message>
    <message>
      <source>1 row</source>
      <translation>1 fila</translation>
    </message>
    <message>
      <source>A path needs at least two points; it has {count}.</source>
      <translation>Un trayecto necesita al menos dos puntos; tiene {count}.</translation>
    </message>
    <message>
      <source>A stored calibration is damaged ({reason}).</source>
      <translation>Una calibración guardada está dañada ({reason}).</translation>
    </message>
    <message>
      <source>After: {date}</source>
      <translation>Después: {date}</translation>
    </message>
    <message>
      <source>An outline needs at least three points; it has {count}.</source>
      <translation>Un contorno necesita al menos tres puntos; tiene {count}.</translation>
    </message>
    <message>
      <source>April</source>
      <translation>abril</translation>
    </message>
    <message>
      <source>At the detector: lengths overstated by the magnification</source>
      <translation>En el detector: longitudes sobrestimadas por la magnificación</translation>
    </message>
    <message>
      <source>August</source>
      <translation>agosto</translation>
    </message>
    <message>
      <source>Barium column at {minute} min: {before} -&gt; {after}</source>
      <translation>Columna de bario al minuto {minute}: {before} -&gt; {after}</translation>
    </message>
    <message>
      <source>Barium column at {minute} min: {before} -&gt; {after} ({change} %)</source>
      <translation>Columna de bario al minuto {minute}: {before} -&gt; {after} ({change} %)</translation>
    </message>
    <message>
      <source>Before: {date}</source>
      <translation>Antes: {date}</translation>
    </message>
    <message>
      <source>Botulinum toxin: {dose} in {sites} sites.</source>
      <translation>Toxina botulínica: {dose} en {sites} puntos de inyección.</translation>
    </message>
    <message>
      <source>Botulinum toxin: {dose}.</source>
      <translation>Toxina botulínica: {dose}.</translation>
    </message>
    <message>
      <source>Building FHIR resources</source>
      <translation>Generando los recursos FHIR</translation>
    </message>
    <message>
      <source>Calibration: {calibration}</source>
      <translation>Calibración: {calibration}</translation>
    </message>
    <message>
      <source>Checking against the database</source>
      <translation>Comparando con la base de datos</translation>
    </message>
    <message>
      <source>Checking rows</source>
      <translation>Revisando las filas</translation>
    </message>
    <message>
      <source>Choose a file name ending in .png or .pdf (not {name}).</source>
      <translation>Elija un nombre de archivo que termine en .png o .pdf (no {name}).</translation>
    </message>
    <message>
      <source>Column height from the gastro-oesophageal junction to the top of the column, along the path drawn; both films at the same scale (the bars are 5 cm).</source>
      <translation>Altura de la columna desde la unión esofagogástrica hasta el borde superior de la columna, a lo largo del trazo dibujado; ambas placas a la misma escala (las barras miden 5 cm).</translation>
    </message>
    <message>
      <source>Copying the backup</source>
      <translation>Copiando la copia de seguridad</translation>
    </message>
    <message>
      <source>Copying the database</source>
      <translation>Copiando la base de datos</translation>
    </message>
    <message>
      <source>Could not back up {source} to {destination}: {reason}. No partial copy was left.</source>
      <translation>No se pudo hacer la copia de seguridad de {source} en {destination}: {reason}. No quedó ninguna copia parcial.</translation>
    </message>
    <message>
      <source>Could not copy the images of {source} beside {target}: {reason}. The database was not replaced.</source>
      <translation>No se pudieron copiar las imágenes de {source} junto a {target}: {reason}. La base de datos no se reemplazó.</translation>
    </message>
    <message>
      <source>Could not copy {source} next to {target}: {reason}. Nothing was changed.</source>
      <translation>No se pudo copiar {source} junto a {target}: {reason}. No se modificó nada.</translation>
    </message>
    <message>
      <source>Could not keep a copy of {target} before replacing it: {reason}. Nothing was changed.</source>
      <translation>No se pudo conservar una copia de {target} antes de reemplazarlo: {reason}. No se modificó nada.</translation>
    </message>
    <message>
      <source>Could not read {path}: {reason}. Nothing was attached.</source>
      <translation>No se pudo leer {path}: {reason}. No se adjuntó nada.</translation>
    </message>
    <message>
      <source>Could not start the report output (the printer or file is not available).</source>
      <translation>No se pudo iniciar la salida del informe (la impresora o el archivo no están disponibles).</translation>
    </message>
    <message>
      <source>Could not write the report to {path}: {reason}</source>
      <translation>No se pudo escribir el informe en {path}: {reason}</translation>
    </message>
    <message>
      <source>Could not write {path}</source>
      <translation>No se pudo escribir {path}</translation>
    </message>
    <message>
      <source>December</source>
      <translation>diciembre</translation>
    </message>
    <message>
      <source>Done</source>
      <translation>Listo</translation>
    </message>
    <message>
      <source>Drawing the charts</source>
      <translation>Dibujando los gráficos</translation>
    </message>
    <message>
      <source>Dry run (nothing written): {files}</source>
      <translation>Prueba (no se escribió nada): {files}</translation>
    </message>
    <message>
      <source>Eckardt score {total}/12</source>
      <translation>Puntaje de Eckardt {total}/12</translation>
    </message>
    <message>
      <source>Emptying 1 to 5 min</source>
      <translation>Vaciamiento de 1 a 5 min</translation>
    </message>
    <message>
      <source>Emptying 1 to 5 min: n/a</source>
      <translation>Vaciamiento de 1 a 5 min: n/d</translation>
    </message>
    <message>
      <source>Emptying 1 to 5 min: {pct} %</source>
      <translation>Vaciamiento de 1 a 5 min: {pct} %</translation>
    </message>
    <message>
      <source>Endoscopy: {opening!l}, {oesophagitis!l}</source>
      <translation>Endoscopía: {opening!l}, {oesophagitis!l}</translation>
    </message>
    <message>
      <source>February</source>
      <translation>febrero</translation>
    </message>
    <message>
      <source>Give both --before and --after, or neither (the latest procedure's films).</source>
      <translation>Indique --before y --after, o ninguno de los dos (las placas del procedimiento más reciente).</translation>
    </message>
    <message>
      <source>Image {id} is an endoscopy photograph: only a TBE film is measured.</source>
      <translation>La imagen {id} es una fotografía de endoscopia: solo se mide una placa de esofagograma.</translation>
    </message>
    <message>
      <source>Image {id} was removed from its study: attach it again to measure it.</source>
      <translation>La imagen {id} se quitó de su estudio: adjúntela de nuevo para medirla.</translation>
    </message>
    <message>
      <source>Imager Pixel Spacing corrected for magnification x{factor}</source>
      <translation>Imager Pixel Spacing corregido por la magnificación x{factor}</translation>
    </message>
    <message>
      <source>Images copied back beside the database: {count}.</source>
      <translation>Imágenes copiadas de vuelta junto a la base de datos: {count}.</translation>
    </message>
    <message>
      <source>Images the backup refers to that {folder} does not hold whole: {count} (first: {first}). 'barium-tracker db check' names them and where they were attached.</source>
      <translation>Imágenes que la copia de seguridad menciona y que {folder} no contiene completas: {count} (la primera: {first}). 'barium-tracker db check' las nombra e indica dónde estaban adjuntas.</translation>
    </message>
    <message>
      <source>Imported: {files}</source>
      <translation>Importado: {files}</translation>
    </message>
    <message>
      <source>January</source>
      <translation>enero</translation>
    </message>
    <message>
      <source>July</source>
      <translation>julio</translation>
    </message>
    <message>
      <source>June</source>
      <translation>junio</translation>
    </message>
    <message>
      <source>Laying out the pages</source>
      <translation>Componiendo las páginas</translation>
    </message>
    <message>
      <source>Loading records</source>
      <translation>Cargando los registros</translation>
    </message>
    <message>
      <source>Looking for duplicates</source>
      <translation>Buscando duplicados</translation>
    </message>
    <message>
      <source>MRN {mrn} is not in the database and the file does not describe this patient: give family_name and given_name (with birth_date, sex, diagnosis) on a studies row, or add the patient to a patients table</source>
      <translation>El N.º de HC {mrn} no está en la base de datos y el archivo no describe a este paciente: indique family_name y given_name (con birth_date, sex, diagnosis) en una fila de studies, o añada el paciente a una tabla patients</translation>
    </message>
    <message>
      <source>MRN {mrn} is stored with {name} '{stored}'; an import never changes a stored patient: correct it in the app, or leave the cell empty</source>
      <translation>El N.º de HC {mrn} está guardado con {name} '{stored}'; una importación nunca cambia un paciente guardado: corríjalo en la aplicación o deje la celda vacía</translation>
    </message>
    <message>
      <source>MRN {mrn}, {date}</source>
      <translation>N.º de HC {mrn}, {date}</translation>
    </message>
    <message>
      <source>MRN {mrn}, {date} {time}</source>
      <translation>N.º de HC {mrn}, {date} {time}</translation>
    </message>
    <message>
      <source>MRN {mrn}, {date}, {type}</source>
      <translation>N.º de HC {mrn}, {date}, {type}</translation>
    </message>
    <message>
      <source>Manometry: {subtype}, {irp_label} {irp}</source>
      <translation>Manometría: {subtype}, {irp_label} {irp}</translation>
    </message>
    <message>
      <source>Manual: {length} mm between two points</source>
      <translation>Manual: {length} mm entre dos puntos</translation>
    </message>
    <message>
      <source>Manual: {length} mm {object}</source>
      <translation>Manual: {object} de {length} mm</translation>
    </message>
    <message>
      <source>March</source>
      <translation>marzo</translation>
    </message>
    <message>
      <source>May</source>
      <translation>mayo</translation>
    </message>
    <message>
      <source>No good backup of it was found in {folder}.</source>
      <translation>No se encontró ninguna copia de seguridad válida de ella en {folder}.</translation>
    </message>
    <message>
      <source>No patient with MRN {mrn} in {location}</source>
      <translation>No hay ningún paciente con N.º de HC {mrn} en {location}</translation>
    </message>
    <message>
      <source>No patient with id {id} in {location}</source>
      <translation>No hay ningún paciente con id {id} en {location}</translation>
    </message>
    <message>
      <source>Nothing is marked on the film: mark the column's height, width or outline.</source>
      <translation>No hay nada marcado en la placa: marque la altura, el ancho o el contorno de la columna.</translation>
    </message>
    <message>
      <source>Nothing new: every row is already in the database.</source>
      <translation>Nada nuevo: cada fila ya está en la base de datos.</translation>
    </message>
    <message>
      <source>Nothing was measured on image {id} yet: measure the column first, then recalibrate.</source>
      <translation>Aún no se midió nada en la imagen {id}: mida primero la columna y luego recalibre.</translation>
    </message>
    <message>
      <source>November</source>
      <translation>noviembre</translation>
    </message>
    <message>
      <source>October</source>
      <translation>octubre</translation>
    </message>
    <message>
      <source>Painting pages</source>
      <translation>Dibujando las páginas</translation>
    </message>
    <message>
      <source>Patient {mrn} has no TBE study on {date}.</source>
      <translation>El paciente {mrn} no tiene un esofagograma el {date}.</translation>
    </message>
    <message>
      <source>Patient {mrn} has no TBE study on {date}; nothing was attached.</source>
      <translation>El paciente {mrn} no tiene un esofagograma del {date}; no se adjuntó nada.</translation>
    </message>
    <message>
      <source>Patient {mrn} has no endoscopy on {date}; nothing was attached.</source>
      <translation>El paciente {mrn} no tiene una endoscopía del {date}; no se adjuntó nada.</translation>
    </message>
    <message>
      <source>Patient {mrn} has no procedure with a study before and after it whose {minute}-min film was measured on the image; give --before and --after.</source>
      <translation>El paciente {mrn} no tiene un procedimiento con un estudio antes y otro después cuya placa del minuto {minute} se haya medido en la imagen; indique --before y --after.</translation>
    </message>
    <message>
      <source>Patient {mrn} has {count} TBE studies on {date}; attach the film from the window instead.</source>
      <translation>El paciente {mrn} tiene {count} esofagogramas del {date}; adjunte la placa desde la ventana.</translation>
    </message>
    <message>
      <source>Patients: added {count}</source>
      <translation>Pacientes: se añadieron {count}</translation>
    </message>
    <message>
      <source>Patients: would add {count}</source>
      <translation>Pacientes: se añadirían {count}</translation>
    </message>
    <message>
      <source>Pixel Spacing (patient plane)</source>
      <translation>Pixel Spacing (plano del paciente)</translation>
    </message>
    <message>
      <source>Pixel Spacing (patient plane, {type})</source>
      <translation>Pixel Spacing (plano del paciente, {type})</translation>
    </message>
    <message>
      <source>PostgreSQL rejected the user name or password.</source>
      <translation>PostgreSQL rechazó el nombre de usuario o la contraseña.</translation>
    </message>
    <message>
      <source>Reading files</source>
      <translation>Leyendo los archivos</translation>
    </message>
    <message>
      <source>Reading patients</source>
      <translation>Leyendo los pacientes</translation>
    </message>
    <message>
      <source>Reading rows</source>
      <translation>Leyendo las filas</translation>
    </message>
    <message>
      <source>Reading the patient's record</source>
      <translation>Leyendo la historia del paciente</translation>
    </message>
    <message>
      <source>Removing identifiers</source>
      <translation>Quitando los datos identificatorios</translation>
    </message>
    <message>
      <source>Rescue procedure (after a failed treatment).</source>
      <translation>Procedimiento de rescate (después de un tratamiento fallido).</translation>
    </message>
    <message>
      <source>Rescue {procedure}</source>
      <translation>{procedure} de rescate</translation>
    </message>
    <message>
      <source>Restored {database} from {source} (schema {revision}).</source>
      <translation>Se restauró {database} desde {source} (esquema {revision}).</translation>
    </message>
    <message>
      <source>Restoring replaces a SQLite file; a PostgreSQL database is restored with the server's own tools (pg_restore: see 'Backups' in docs/database.md).</source>
      <translation>Restaurar reemplaza un archivo SQLite; una base de datos PostgreSQL se restaura con las herramientas del propio servidor (pg_restore: vea 'Backups' en docs/database.md).</translation>
    </message>
    <message>
      <source>SQLite's integrity check: {detail}</source>
      <translation>la verificación de integridad de SQLite indica: {detail}</translation>
    </message>
    <message>
      <source>Saving</source>
      <translation>Guardando</translation>
    </message>
    <message>
      <source>September</source>
      <translation>setiembre</translation>
    </message>
    <message>
      <source>Stored film measurements are damaged ({reason}).</source>
      <translation>Las mediciones guardadas de una placa están dañadas ({reason}).</translation>
    </message>
    <message>
      <source>TBE: {films}</source>
      <translation>Esofagograma: {films}</translation>
    </message>
    <message>
      <source>That TBE study no longer exists (someone deleted it); nothing was attached.</source>
      <translation>Ese esofagograma ya no existe (alguien lo eliminó); no se adjuntó nada.</translation>
    </message>
    <message>
      <source>The Eckardt success threshold must be a whole number between 0 and {most}; you entered {value}</source>
      <translation>El umbral de éxito del puntaje de Eckardt debe ser un número entero entre 0 y {most}; usted ingresó {value}</translation>
    </message>
    <message>
      <source>The FHIR export could not be written to {path}: {reason}. Nothing was left there.</source>
      <translation>No se pudo escribir la exportación FHIR en {path}: {reason}. No quedó nada allí.</translation>
    </message>
    <message>
      <source>The PostgreSQL database or user does not exist.</source>
      <translation>La base de datos o el usuario de PostgreSQL no existe.</translation>
    </message>
    <message>
      <source>The PostgreSQL server refused the connection: is it running, on that host and port?</source>
      <translation>El servidor PostgreSQL rechazó la conexión: ¿está en funcionamiento, en ese host y puerto?</translation>
    </message>
    <message>
      <source>The PostgreSQL server's host name is unknown.</source>
      <translation>El nombre del host del servidor PostgreSQL es desconocido.</translation>
    </message>
    <message>
      <source>The Sanagapalli area must be {traced} or {height_x_width}; you entered {value}</source>
      <translation>El área de Sanagapalli debe ser {traced} o {height_x_width}; usted ingresó {value}</translation>
    </message>
    <message>
      <source>The backup has an older schema: it will be upgraded when the database is next opened, after a backup of its own.</source>
      <translation>La copia de seguridad tiene un esquema más antiguo: se actualizará la próxima vez que se abra la base de datos, después de una copia de seguridad propia.</translation>
    </message>
    <message>
      <source>The backup of {source} did not verify: {problems}</source>
      <translation>La copia de seguridad de {source} no pasó la verificación: {problems}</translation>
    </message>
    <message>
      <source>The calibration length must be at most {limit} mm; you entered {value} mm.</source>
      <translation>La longitud de calibración debe ser como máximo {limit} mm; ingresó {value} mm.</translation>
    </message>
    <message>
      <source>The calibration length must be more than 0 mm; you entered {value}.</source>
      <translation>La longitud de calibración debe ser mayor que 0 mm; ingresó {value}.</translation>
    </message>
    <message>
      <source>The calibration points must be numbers (pixels of the image).</source>
      <translation>Los puntos de calibración deben ser números (píxeles de la imagen).</translation>
    </message>
    <message>
      <source>The clinic name is {length} characters long; at most {most} fit a report.</source>
      <translation>El nombre del servicio tiene {length} caracteres; en un informe caben como máximo {most}.</translation>
    </message>
    <message>
      <source>The cohort table could not be written to {path}: {reason}. Nothing was left there.</source>
      <translation>No se pudo escribir la tabla de la cohorte en {path}: {reason}. No quedó nada allí.</translation>
    </message>
    <message>
      <source>The copy of {source} did not verify: {problems}. Nothing was changed.</source>
      <translation>La copia de {source} no pasó la verificación: {problems}. No se modificó nada.</translation>
    </message>
    <message>
      <source>The database file cannot be opened: check that its folder exists.</source>
      <translation>No se puede abrir el archivo de la base de datos: verifique que su carpeta exista.</translation>
    </message>
    <message>
      <source>The database file is damaged: restore it from a backup.</source>
      <translation>El archivo de la base de datos está dañado: restáurelo desde una copia de seguridad.</translation>
    </message>
    <message>
      <source>The database file {path} is damaged and cannot be used safely: {detail}. Restore its newest good backup; the file was not changed.</source>
      <translation>El archivo de base de datos {path} está dañado y no se puede usar con seguridad: {detail}. Restaure su copia de seguridad válida más reciente; el archivo no se modificó.</translation>
    </message>
    <message>
      <source>The database file {path} is empty (0 bytes): a disk fault or a failed copy probably cut it short, so it was not set up as a new, empty database. Restore its newest backup (File &gt; Restore from backup..., or 'barium-tracker restore'); to start a new database instead, delete the file.</source>
      <translation>El archivo de base de datos {path} está vacío (0 bytes): probablemente lo truncó una falla del disco o una copia fallida, por eso no se preparó como una base de datos nueva y vacía. Restaure su copia de seguridad más reciente (Archivo &gt; Restaurar desde copia de seguridad…, o 'barium-tracker restore'); para empezar una base de datos nueva, elimine el archivo.</translation>
    </message>
    <message>
      <source>The database is busy: another program or workstation holds a lock. Try again shortly.</source>
      <translation>La base de datos está ocupada: otro programa u otra estación de trabajo la tiene bloqueada. Vuelva a intentarlo en un momento.</translation>
    </message>
    <message>
      <source>The database is read-only here: check the file's permissions or the disk.</source>
      <translation>Aquí la base de datos es de solo lectura: revise los permisos del archivo o el disco.</translation>
    </message>
    <message>
      <source>The database it replaced was kept as {path} (it was damaged, so it was kept exactly as it was).</source>
      <translation>La base de datos reemplazada se guardó como {path} (estaba dañada, así que se guardó exactamente como estaba).</translation>
    </message>
    <message>
      <source>The database it replaced was kept as {path}.</source>
      <translation>La base de datos reemplazada se guardó como {path}.</translation>
    </message>
    <message>
      <source>The database reported an error: {error}</source>
      <translation>La base de datos informó un error: {error}</translation>
    </message>
    <message>
      <source>The database {path} is damaged and cannot be used safely</source>
      <translation>La base de datos {path} está dañada y no se puede usar con seguridad</translation>
    </message>
    <message>
      <source>The database {path} is damaged and cannot be used safely: {detail}</source>
      <translation>La base de datos {path} está dañada y no se puede usar con seguridad: {detail}</translation>
    </message>
    <message>
      <source>The database {path} is empty (0 bytes): a disk fault or a failed copy probably cut it short</source>
      <translation>La base de datos {path} está vacía (0 bytes): probablemente la truncó una falla del disco o una copia fallida</translation>
    </message>
    <message>
      <source>The disk reported an input/output error: the database cannot be used safely.</source>
      <translation>El disco informó un error de entrada/salida: la base de datos no se puede usar con seguridad.</translation>
    </message>
    <message>
      <source>The disk that holds the database is full: free some space, then try again.</source>
      <translation>El disco que contiene la base de datos está lleno: libere espacio y vuelva a intentarlo.</translation>
    </message>
    <message>
      <source>The export could not be written to {path}: {reason}. Nothing was left there.</source>
      <translation>No se pudo escribir la exportación en {path}: {reason}. No quedó nada allí.</translation>
    </message>
    <message>
      <source>The file is not a SQLite database (damaged, or another kind of file).</source>
      <translation>El archivo no es una base de datos SQLite (está dañado o es otro tipo de archivo).</translation>
    </message>
    <message>
      <source>The file {path} is not a Barium Tracker database ({reason})</source>
      <translation>El archivo {path} no es una base de datos de Barium Tracker ({reason})</translation>
    </message>
    <message>
      <source>The file's acquisition date is {theirs}, {days} days from this record's date {ours}.</source>
      <translation>La fecha de adquisición del archivo es {theirs}, a {days} días de la fecha de este registro, {ours}.</translation>
    </message>
    <message>
      <source>The file's content date is {theirs}, {days} days from this record's date {ours}.</source>
      <translation>La fecha de contenido del archivo es {theirs}, a {days} días de la fecha de este registro, {ours}.</translation>
    </message>
    <message>
      <source>The file's patient ID is {theirs}, but this patient's MRN is {ours}.</source>
      <translation>El ID de paciente del archivo es {theirs}, pero la HC de este paciente es {ours}.</translation>
    </message>
    <message>
      <source>The file's patient name is {theirs}, but this patient is {ours}.</source>
      <translation>El nombre de paciente del archivo es {theirs}, pero este paciente es {ours}.</translation>
    </message>
    <message>
      <source>The file's study date is {theirs}, {days} days from this record's date {ours}.</source>
      <translation>La fecha de estudio del archivo es {theirs}, a {days} días de la fecha de este registro, {ours}.</translation>
    </message>
    <message>
      <source>The film's minute must be between 0 and 60; you gave {minute}.</source>
      <translation>El minuto de la placa debe estar entre 0 y 60; indicó {minute}.</translation>
    </message>
    <message>
      <source>The folder {folder} does not exist, so the database cannot be created there.</source>
      <translation>La carpeta {folder} no existe, así que no se puede crear allí la base de datos.</translation>
    </message>
    <message>
      <source>The folder {folder} does not exist. Nothing was changed.</source>
      <translation>La carpeta {folder} no existe. No se modificó nada.</translation>
    </message>
    <message>
      <source>The folder {folder} does not exist; choose another place for the report.</source>
      <translation>La carpeta {folder} no existe; elija otro lugar para el informe.</translation>
    </message>
    <message>
      <source>The folder {folder} does not exist; nothing was written.</source>
      <translation>La carpeta {folder} no existe; no se escribió nada.</translation>
    </message>
    <message>
      <source>The image in {name} could not be decoded: it is damaged or truncated ({syntax}: {detail}).</source>
      <translation>No se pudo decodificar la imagen de {name}: está dañada o truncada ({syntax}: {detail}).</translation>
    </message>
    <message>
      <source>The image {sha256} is damaged (its bytes no longer match it); attached to nothing.</source>
      <translation>La imagen {sha256} está dañada (sus bytes ya no coinciden con ella); no está adjunta a nada.</translation>
    </message>
    <message>
      <source>The image {sha256} is damaged (its bytes no longer match it); attached to {where}.</source>
      <translation>La imagen {sha256} está dañada (sus bytes ya no coinciden con ella); adjunta a {where}.</translation>
    </message>
    <message>
      <source>The image {sha256} is missing or damaged in {location}; restore it from a backup ('barium-tracker db check' lists every such image).</source>
      <translation>La imagen {sha256} falta o está dañada en {location}; restáurela desde una copia de seguridad ('barium-tracker db check' lista todas esas imágenes).</translation>
    </message>
    <message>
      <source>The image {sha256} is missing; it is attached to nothing.</source>
      <translation>Falta la imagen {sha256}; no está adjunta a nada.</translation>
    </message>
    <message>
      <source>The image {sha256} is missing; it was attached to {where}.</source>
      <translation>Falta la imagen {sha256}; estaba adjunta a {where}.</translation>
    </message>
    <message>
      <source>The newest good backup is {backup}. To restore it: barium-tracker restore --db {path} {backup}</source>
      <translation>La copia de seguridad válida más reciente es {backup}. Para restaurarla: barium-tracker restore --db {path} {backup}</translation>
    </message>
    <message>
      <source>The outline crosses itself: move its points so that it encloses the column once.</source>
      <translation>El contorno se cruza consigo mismo: mueva sus puntos para que rodee la columna una sola vez.</translation>
    </message>
    <message>
      <source>The point {x},{y} is outside the film ({columns} x {rows} pixels).</source>
      <translation>El punto {x},{y} está fuera de la placa ({columns} x {rows} píxeles).</translation>
    </message>
    <message>
      <source>The report could not be written to {path}: {reason}. Nothing was left there.</source>
      <translation>No se pudo escribir el informe en {path}: {reason}. No quedó nada allí.</translation>
    </message>
    <message>
      <source>The research export could not be written to {path}: {reason}. Nothing was left there.</source>
      <translation>No se pudo escribir la exportación para investigación en {path}: {reason}. No quedó nada allí.</translation>
    </message>
    <message>
      <source>The thumbnail of the image {sha256} is missing or damaged (lists show no picture for it); restore it from a backup, or attach the film again.</source>
      <translation>La miniatura de la imagen {sha256} falta o está dañada (las listas no muestran su imagen); restáurela desde una copia de seguridad o vuelva a adjuntar la placa.</translation>
    </message>
    <message>
      <source>The two calibration points are the same point: mark both ends of the object.</source>
      <translation>Los dos puntos de calibración son el mismo punto: marque ambos extremos del objeto.</translation>
    </message>
    <message>
      <source>The width is two points across the column; it has {count}.</source>
      <translation>El ancho son dos puntos a través de la columna; tiene {count}.</translation>
    </message>
    <message>
      <source>The {minute}-min film of the study on {date} was not measured on an attached image.</source>
      <translation>La placa del minuto {minute} del estudio del {date} no se midió en una imagen adjunta.</translation>
    </message>
    <message>
      <source>The {minute}-minute film is entered twice; each minute appears once per study</source>
      <translation>La placa de los {minute} minutos está ingresada dos veces; cada minuto aparece una vez por estudio</translation>
    </message>
    <message>
      <source>There is no attached image {id}.</source>
      <translation>No hay ninguna imagen adjunta {id}.</translation>
    </message>
    <message>
      <source>There is no database at {path}: it is created when the app or a command first opens it.</source>
      <translation>No hay ninguna base de datos en {path}: se crea cuando la aplicación o un comando la abre por primera vez.</translation>
    </message>
    <message>
      <source>This clinic's data is on a PostgreSQL server, which the app does not copy: back it up with the server's own tools, for example
  {command}
(restore with pg_restore; see 'PostgreSQL backups' in docs/database.md).</source>
      <translation>Los datos de este servicio están en un servidor PostgreSQL, que la aplicación no copia: haga la copia de seguridad con las herramientas del propio servidor, por ejemplo
  {command}
(restaure con pg_restore; vea 'PostgreSQL backups' en docs/database.md).</translation>
    </message>
    <message>
      <source>This database holds tables that are not Barium Tracker's; it was not changed.
({where})</source>
      <translation>Esta base de datos contiene tablas que no son de Barium Tracker; no se modificó.
({where})</translation>
    </message>
    <message>
      <source>This database was written by a newer version of Barium Tracker (schema {current}); this version knows schemas up to {head}. Install the newer version to open it. The database was not changed.
({where})</source>
      <translation>Esta base de datos fue escrita por una versión más reciente de Barium Tracker (esquema {current}); esta versión conoce esquemas hasta {head}. Instale la versión más reciente para abrirla. La base de datos no se modificó.
({where})</translation>
    </message>
    <message>
      <source>This database's schema is incomplete (its creation was interrupted) but it holds data in {tables}; it was not changed. Restore a backup, or ask for help.
({where})</source>
      <translation>El esquema de esta base de datos está incompleto (su creación se interrumpió), pero contiene datos en {tables}; no se modificó. Restaure una copia de seguridad o pida ayuda.
({where})</translation>
    </message>
    <message>
      <source>This image has no scale: calibrate it first with two points on an object of known length (the 13 mm barium tablet, a ruler or a marker) and that length in mm.</source>
      <translation>Esta imagen no tiene escala: calíbrela primero con dos puntos sobre un objeto de longitud conocida (la tableta de bario de 13 mm, una regla o un marcador) y esa longitud en mm.</translation>
    </message>
    <message>
      <source>UTF-8 with BOM</source>
      <translation>UTF-8 con BOM</translation>
    </message>
    <message>
      <source>Uncalibrated (the file's {tags} is not usable): measure a known object first</source>
      <translation>Sin calibrar ({tags} del archivo no es utilizable): mida primero un objeto conocido</translation>
    </message>
    <message>
      <source>Uncalibrated: measure a known object first</source>
      <translation>Sin calibrar: mida primero un objeto conocido</translation>
    </message>
    <message>
      <source>Unknown export format '{format}': choose {choices} or xlsx.</source>
      <translation>Formato de exportación desconocido '{format}': elija {choices} o xlsx.</translation>
    </message>
    <message>
      <source>Writing files</source>
      <translation>Escribiendo los archivos</translation>
    </message>
    <message>
      <source>Writing the FHIR file</source>
      <translation>Escribiendo el archivo FHIR</translation>
    </message>
    <message>
      <source>a part of the path is a file, not a folder</source>
      <translation>una parte de la ruta es un archivo, no una carpeta</translation>
    </message>
    <message>
      <source>a reference is broken in table {table}, row {row}</source>
      <translation>hay una referencia rota en la tabla {table}, fila {row}</translation>
    </message>
    <message>
      <source>a sound Barium Tracker database (schema {revision})</source>
      <translation>una base de datos de Barium Tracker en buen estado (esquema {revision})</translation>
    </message>
    <message>
      <source>a sound Barium Tracker database (schema {revision}), but the backups' image store {store} lacks {count} of the images it refers to (the first is {sha256}): restored, its records would lack those films</source>
      <translation>una base de datos de Barium Tracker en buen estado (esquema {revision}), pero al almacén de imágenes de las copias {store} le faltan {count} de las imágenes a las que se refiere (la primera es {sha256}): si se restaurara, sus registros no tendrían esas placas</translation>
    </message>
    <message>
      <source>a sound Barium Tracker database with an older schema ({revision}); it will be upgraded to {head} when it is next opened, after a backup of its own</source>
      <translation>una base de datos de Barium Tracker en buen estado con un esquema anterior ({revision}); se actualizará a {head} la próxima vez que se abra, después de una copia de seguridad propia</translation>
    </message>
    <message>
      <source>anaesthesia: {value!l}</source>
      <translation>anestesia: {value!l}</translation>
    </message>
    <message>
      <source>another import saved some of the same patients or records while this one ran, so nothing of this import was saved; import the files again, and what is already there will be recognised</source>
      <translation>otra importación guardó algunos de los mismos pacientes o registros mientras esta se ejecutaba, así que no se guardó nada de esta importación; importe los archivos de nuevo y se reconocerá lo que ya está</translation>
    </message>
    <message>
      <source>cannot be read as CSV: {reason}</source>
      <translation>no se puede leer como CSV: {reason}</translation>
    </message>
    <message>
      <source>cannot be read: {reason}</source>
      <translation>no se puede leer: {reason}</translation>
    </message>
    <message>
      <source>choose at least one CSV or XLSX file</source>
      <translation>elija al menos un archivo CSV o XLSX</translation>
    </message>
    <message>
      <source>comma-separated</source>
      <translation>separado por comas</translation>
    </message>
    <message>
      <source>conflicts with the stored Eckardt score ({key}): {differences} (here = this file, there = the database); an import never changes stored records: correct it in the app, or fix the file</source>
      <translation>contradice el puntaje de Eckardt guardado ({key}): {differences} (aquí = este archivo, allá = la base de datos); una importación nunca cambia registros guardados: corríjalo en la aplicación o corrija el archivo</translation>
    </message>
    <message>
      <source>conflicts with the stored TBE study ({key}): {differences} (here = this file, there = the database); an import never changes stored records: correct it in the app, or fix the file</source>
      <translation>contradice el esofagograma guardado ({key}): {differences} (aquí = este archivo, allá = la base de datos); una importación nunca cambia registros guardados: corríjalo en la aplicación o corrija el archivo</translation>
    </message>
    <message>
      <source>conflicts with the stored procedure ({key}): {differences} (here = this file, there = the database); an import never changes stored records: correct it in the app, or fix the file</source>
      <translation>contradice el procedimiento guardado ({key}): {differences} (aquí = este archivo, allá = la base de datos); una importación nunca cambia registros guardados: corríjalo en la aplicación o corrija el archivo</translation>
    </message>
    <message>
      <source>dates day/month/year</source>
      <translation>fechas día/mes/año</translation>
    </message>
    <message>
      <source>day</source>
      <translation>día</translation>
    </message>
    <message>
      <source>days</source>
      <translation>días</translation>
    </message>
    <message>
      <source>emptying 1 to 5 min {pct} %</source>
      <translation>vaciamiento de 1 a 5 min {pct} %</translation>
    </message>
    <message>
      <source>has a header row but no data rows</source>
      <translation>tiene una fila de encabezado pero ninguna fila de datos</translation>
    </message>
    <message>
      <source>has no sheet with a header row and data</source>
      <translation>no tiene ninguna hoja con una fila de encabezado y datos</translation>
    </message>
    <message>
      <source>has {cells} cells but the header names {width} columns</source>
      <translation>tiene {cells} celdas pero el encabezado nombra {width} columnas</translation>
    </message>
    <message>
      <source>height {height}; width {width}</source>
      <translation>altura {height}; ancho {width}</translation>
    </message>
    <message>
      <source>is empty: it needs a header row and at least one row</source>
      <translation>está vacío: necesita una fila de encabezado y al menos una fila</translation>
    </message>
    <message>
      <source>is neither UTF-8 nor Windows-1252 text (another encoding, such as Shift-JIS, or damaged bytes): save it as UTF-8, or choose its encoding (the import's Text encoding list, or --encoding shift_jis on the command line)</source>
      <translation>no es texto UTF-8 ni Windows-1252 (otra codificación, como Shift-JIS, o bytes dañados): guárdelo como UTF-8 o elija su codificación (la lista «Codificación del texto de los archivos CSV» del asistente de importación, o --encoding shift_jis en la línea de comandos)</translation>
    </message>
    <message>
      <source>is not a readable XLSX workbook (damaged, another format saved with .xlsx, or unsafe XML): {error}</source>
      <translation>no es un libro XLSX legible (dañado, otro formato guardado con .xlsx, o XML no seguro): {error}</translation>
    </message>
    <message>
      <source>is not a readable XLSX workbook (damaged, or unsafe XML): {error}</source>
      <translation>no es un libro XLSX legible (dañado, o XML no seguro): {error}</translation>
    </message>
    <message>
      <source>is not a text (CSV) file</source>
      <translation>no es un archivo de texto (CSV)</translation>
    </message>
    <message>
      <source>is not one of the exchange tables: name the file or sheet studies, procedures, eckardt or patients, or give it their columns</source>
      <translation>no es una de las tablas de intercambio: nombre el archivo o la hoja studies, procedures, eckardt o patients, o dele sus columnas</translation>
    </message>
    <message>
      <source>is not {encoding} text ({reason})</source>
      <translation>no es texto {encoding} ({reason})</translation>
    </message>
    <message>
      <source>it cannot be read as a SQLite database ({reason})</source>
      <translation>no se puede leer como base de datos SQLite ({reason})</translation>
    </message>
    <message>
      <source>it has no Barium Tracker schema version</source>
      <translation>no tiene versión de esquema de Barium Tracker</translation>
    </message>
    <message>
      <source>it holds no tables</source>
      <translation>no contiene tablas</translation>
    </message>
    <message>
      <source>it is damaged: {problems}</source>
      <translation>está dañada: {problems}</translation>
    </message>
    <message>
      <source>it is not a Barium Tracker database</source>
      <translation>no es una base de datos de Barium Tracker</translation>
    </message>
    <message>
      <source>it is not a Barium Tracker database ({detail})</source>
      <translation>no es una base de datos de Barium Tracker ({detail})</translation>
    </message>
    <message>
      <source>it is not a SQLite database file</source>
      <translation>no es un archivo de base de datos SQLite</translation>
    </message>
    <message>
      <source>it was written by a newer version of Barium Tracker (schema {revision}; this version knows schemas up to {head})</source>
      <translation>fue escrita por una versión más reciente de Barium Tracker (esquema {revision}; esta versión conoce esquemas hasta {head})</translation>
    </message>
    <message>
      <source>its pages are damaged (SQLite: {detail})</source>
      <translation>sus páginas están dañadas (SQLite: {detail})</translation>
    </message>
    <message>
      <source>its schema version {revision} is unknown</source>
      <translation>su versión de esquema {revision} es desconocida</translation>
    </message>
    <message>
      <source>measured on the film</source>
      <translation>medido en la placa</translation>
    </message>
    <message>
      <source>measured on the film; calibration: {calibration}</source>
      <translation>medido en la placa; calibración: {calibration}</translation>
    </message>
    <message>
      <source>n/a</source>
      <translation>n/d</translation>
    </message>
    <message>
      <source>no date</source>
      <translation>sin fecha</translation>
    </message>
    <message>
      <source>no films recorded</source>
      <translation>no hay placas registradas</translation>
    </message>
    <message>
      <source>no header row: the first row must name the columns (e.g. {example}); see docs/file-formats.md</source>
      <translation>no hay fila de encabezado: la primera fila debe nombrar las columnas (por ejemplo {example}); vea docs/file-formats.md</translation>
    </message>
    <message>
      <source>no type</source>
      <translation>sin tipo</translation>
    </message>
    <message>
      <source>not measured</source>
      <translation>no medido</translation>
    </message>
    <message>
      <source>operator {value}</source>
      <translation>operador {value}</translation>
    </message>
    <message>
      <source>other tables</source>
      <translation>otras tablas</translation>
    </message>
    <message>
      <source>permission denied</source>
      <translation>permiso denegado</translation>
    </message>
    <message>
      <source>points</source>
      <translation>puntos</translation>
    </message>
    <message>
      <source>semicolon-separated</source>
      <translation>separado por punto y coma</translation>
    </message>
    <message>
      <source>starts as UTF-16 but is not UTF-16 text</source>
      <translation>empieza como UTF-16 pero no es texto UTF-16</translation>
    </message>
    <message>
      <source>starts as UTF-8 but holds bytes that are not UTF-8</source>
      <translation>empieza como UTF-8 pero contiene bytes que no son UTF-8</translation>
    </message>
    <message>
      <source>stay {value}</source>
      <translation>hospitalización {value}</translation>
    </message>
    <message>
      <source>tab-separated</source>
      <translation>separado por tabuladores</translation>
    </message>
    <message>
      <source>the column appears twice (also as '{other}')</source>
      <translation>la columna aparece dos veces (también como '{other}')</translation>
    </message>
    <message>
      <source>the disk is full</source>
      <translation>el disco está lleno</translation>
    </message>
    <message>
      <source>the disk is read-only</source>
      <translation>el disco es de solo lectura</translation>
    </message>
    <message>
      <source>the disk quota of this account is used up</source>
      <translation>se agotó la cuota de disco de esta cuenta</translation>
    </message>
    <message>
      <source>the disk reported an input/output error</source>
      <translation>el disco informó un error de entrada/salida</translation>
    </message>
    <message>
      <source>the file does not exist</source>
      <translation>el archivo no existe</translation>
    </message>
    <message>
      <source>the file would be larger than this account may write (a file-size limit)</source>
      <translation>el archivo sería más grande de lo que esta cuenta puede escribir (un límite de tamaño de archivo)</translation>
    </message>
    <message>
      <source>the header has {count} columns; at most {limit} are read</source>
      <translation>el encabezado tiene {count} columnas; se leen como máximo {limit}</translation>
    </message>
    <message>
      <source>the name is too long</source>
      <translation>el nombre es demasiado largo</translation>
    </message>
    <message>
      <source>the same Eckardt score as {earlier} ({key}) with other values: {differences}</source>
      <translation>el mismo puntaje de Eckardt que {earlier} ({key}) con otros valores: {differences}</translation>
    </message>
    <message>
      <source>the same TBE study as {earlier} ({key}) with other values: {differences}</source>
      <translation>el mismo esofagograma que {earlier} ({key}) con otros valores: {differences}</translation>
    </message>
    <message>
      <source>the same procedure as {earlier} ({key}) with other values: {differences}</source>
      <translation>el mismo procedimiento que {earlier} ({key}) con otros valores: {differences}</translation>
    </message>
    <message>
      <source>the table has more than {limit} rows; split it into several files</source>
      <translation>la tabla tiene más de {limit} filas; divídala en varios archivos</translation>
    </message>
    <message>
      <source>the {table} table needs a column '{name}'</source>
      <translation>la tabla {table} necesita una columna '{name}'</translation>
    </message>
    <message>
      <source>typed</source>
      <translation>escrito</translation>
    </message>
    <message>
      <source>{column}: '{mine}' here, '{theirs}' there</source>
      <translation>{column}: '{mine}' aquí, '{theirs}' allá</translation>
    </message>
    <message>
      <source>{count} problems found; nothing was imported:</source>
      <translation>Se encontraron {count} problemas; no se importó nada:</translation>
    </message>
    <message>
      <source>{count} rows</source>
      <translation>{count} filas</translation>
    </message>
    <message>
      <source>{file} line {number}</source>
      <translation>{file} línea {number}</translation>
    </message>
    <message>
      <source>{file} row {number}</source>
      <translation>{file} fila {number}</translation>
    </message>
    <message>
      <source>{file} sheet {sheet}</source>
      <translation>{file} hoja {sheet}</translation>
    </message>
    <message>
      <source>{file} sheet {sheet} line {number}</source>
      <translation>{file} hoja {sheet} línea {number}</translation>
    </message>
    <message>
      <source>{file} sheet {sheet} row {number}</source>
      <translation>{file} hoja {sheet} fila {number}</translation>
    </message>
    <message>
      <source>{films}</source>
      <translation>{films}</translation>
    </message>
    <message>
      <source>{gastric} ({value} {unit}) cannot exceed the total myotomy length ({total} {unit})</source>
      <translation>{gastric} ({value} {unit}) no puede superar la longitud total de la miotomía ({total} {unit})</translation>
    </message>
    <message>
      <source>{grade}</source>
      <translation>{grade}</translation>
    </message>
    <message>
      <source>{grade}: {details}</source>
      <translation>{grade}: {details}</translation>
    </message>
    <message>
      <source>{label}</source>
      <translation>{label}</translation>
    </message>
    <message>
      <source>{label} (medical record number) is required</source>
      <translation>{label} (número de historia clínica) es obligatorio</translation>
    </message>
    <message>
      <source>{label} ({unit})</source>
      <translation>{label} ({unit})</translation>
    </message>
    <message>
      <source>{label} cannot be before the birth date ({birth_date}); you entered {value}</source>
      <translation>{label} no puede ser anterior a la fecha de nacimiento ({birth_date}); usted ingresó {value}</translation>
    </message>
    <message>
      <source>{label} cannot be in the future; you entered {value}</source>
      <translation>{label} no puede estar en el futuro; usted ingresó {value}</translation>
    </message>
    <message>
      <source>{label} is at most {length} characters; you entered {count}</source>
      <translation>{label} tiene como máximo {length} caracteres; usted ingresó {count}</translation>
    </message>
    <message>
      <source>{label} is required</source>
      <translation>{label}: dato obligatorio</translation>
    </message>
    <message>
      <source>{label} must be a whole number between {low} and {high}; you entered {value}</source>
      <translation>{label} debe ser un número entero entre {low} y {high}; usted ingresó {value}</translation>
    </message>
    <message>
      <source>{label} must be between {low} and {high} {unit}; you entered {value}</source>
      <translation>{label} debe estar entre {low} y {high} {unit}; usted ingresó {value}</translation>
    </message>
    <message>
      <source>{label} must be between {low} and {high}; you entered {value}</source>
      <translation>{label} debe estar entre {low} y {high}; usted ingresó {value}</translation>
    </message>
    <message>
      <source>{label} must not start or end with spaces; you entered '{value}'</source>
      <translation>{label} no debe empezar ni terminar con espacios; usted ingresó '{value}'</translation>
    </message>
    <message>
      <source>{label} score must be 0, 1, 2 or 3; you entered {value}</source>
      <translation>{label}: el puntaje debe ser 0, 1, 2 o 3; usted ingresó {value}</translation>
    </message>
    <message>
      <source>{label} takes at most {decimals} decimals; you entered {value}</source>
      <translation>{label} admite como máximo {decimals} decimales; usted ingresó {value}</translation>
    </message>
    <message>
      <source>{label} {value}</source>
      <translation>{label} {value}</translation>
    </message>
    <message>
      <source>{label}: '{text}' has both a comma and a point; write one decimal mark, e.g. 2,7</source>
      <translation>{label}: '{text}' tiene una coma y un punto; escriba un solo separador decimal, p. ej., 2,7</translation>
    </message>
    <message>
      <source>{label}: '{text}' is not a date; write it as 14/03/2015 or 2015-03-14</source>
      <translation>{label}: '{text}' no es una fecha; escríbala como 14/03/2015 o 2015-03-14</translation>
    </message>
    <message>
      <source>{label}: '{text}' is not a number</source>
      <translation>{label}: '{text}' no es un número</translation>
    </message>
    <message>
      <source>{label}: '{text}' is not a whole number</source>
      <translation>{label}: '{text}' no es un número entero</translation>
    </message>
    <message>
      <source>{label}: '{text}' is not yes or no</source>
      <translation>{label}: '{text}' no es sí ni no</translation>
    </message>
    <message>
      <source>{label}: {value!l}.</source>
      <translation>{label}: {value!l}.</translation>
    </message>
    <message>
      <source>{label}: {value}.</source>
      <translation>{label}: {value}.</translation>
    </message>
    <message>
      <source>{lines}</source>
      <translation>{lines}</translation>
    </message>
    <message>
      <source>{message}
({where})</source>
      <translation>{message}
({where})</translation>
    </message>
    <message>
      <source>{minute} min {height}</source>
      <translation>{minute} min {height}</translation>
    </message>
    <message>
      <source>{mrn}, TBE study of {date} at {minute} min</source>
      <translation>{mrn}, esofagograma del {date} a los {minute} min</translation>
    </message>
    <message>
      <source>{mrn}, endoscopy of {date}</source>
      <translation>{mrn}, endoscopía del {date}</translation>
    </message>
    <message>
      <source>{name} could not be read: {reason}.</source>
      <translation>No se pudo leer {name}: {reason}.</translation>
    </message>
    <message>
      <source>{name} has an image of {columns} x {rows} pixels, which cannot be opened.</source>
      <translation>{name} tiene una imagen de {columns} x {rows} píxeles, que no se puede abrir.</translation>
    </message>
    <message>
      <source>{name} is a DICOM file without an image (no pixel data).</source>
      <translation>{name} es un archivo DICOM sin imagen (no tiene datos de píxeles).</translation>
    </message>
    <message>
      <source>{name} is a damaged or truncated DICOM file ({detail}).</source>
      <translation>{name} es un archivo DICOM dañado o truncado ({detail}).</translation>
    </message>
    <message>
      <source>{name} is a damaged or truncated {format} image ({detail}).</source>
      <translation>{name} es una imagen {format} dañada o truncada ({detail}).</translation>
    </message>
    <message>
      <source>{name} is empty (0 bytes): it holds no image.</source>
      <translation>{name} está vacío (0 bytes): no contiene ninguna imagen.</translation>
    </message>
    <message>
      <source>{name} is not a DICOM, PNG, JPEG or TIFF image.</source>
      <translation>{name} no es una imagen DICOM, PNG, JPEG ni TIFF.</translation>
    </message>
    <message>
      <source>{name} uses a compression this program cannot decode ({syntax}).</source>
      <translation>{name} usa una compresión que este programa no puede decodificar ({syntax}).</translation>
    </message>
    <message>
      <source>{path} already exists and is not a Barium Tracker backup; it was not overwritten. Choose another name.</source>
      <translation>{path} ya existe y no es una copia de seguridad de Barium Tracker; no se sobrescribió. Elija otro nombre.</translation>
    </message>
    <message>
      <source>{path} already exists and is not an empty folder; choose a new folder for the research export.</source>
      <translation>{path} ya existe y no es una carpeta vacía; elija una carpeta nueva para la exportación para investigación.</translation>
    </message>
    <message>
      <source>{path} already exists; choose a new file name for the demo database.</source>
      <translation>{path} ya existe; elija un nombre de archivo nuevo para la base de datos de demostración.</translation>
    </message>
    <message>
      <source>{path} is the database itself; choose another file for the backup.</source>
      <translation>{path} es la propia base de datos; elija otro archivo para la copia de seguridad.</translation>
    </message>
    <message>
      <source>{path} may not belong to this record:
{differences}
Nothing was attached. If it is the right file all the same, attach it again confirming these differences.</source>
      <translation>Puede que {path} no pertenezca a este registro:
{differences}
No se adjuntó nada. Si es el archivo correcto de todos modos, adjúntelo de nuevo confirmando estas diferencias.</translation>
    </message>
    <message>
      <source>{pct} %</source>
      <translation>{pct} %</translation>
    </message>
    <message>
      <source>{problem}.
No good backup was found in {folder}. Restore a backup from elsewhere, or ask for help; the file was not changed.</source>
      <translation>{problem}.
No se encontró ninguna copia de seguridad válida en {folder}. Restaure una copia de otro lugar o pida ayuda; el archivo no se modificó.</translation>
    </message>
    <message>
      <source>{problem}.
The newest good backup is {backup}, written {day} {time}. Restoring it replaces the database; the current file is kept in the backups folder.</source>
      <translation>{problem}.
La copia de seguridad válida más reciente es {backup}, escrita el {day} a las {time}. Restaurarla reemplaza la base de datos; el archivo actual se conserva en la carpeta de copias de seguridad.</translation>
    </message>
    <message>
      <source>{problem}.
The newest good backup is {backup}. Restoring it replaces the database; the current file is kept in the backups folder.</source>
      <translation>{problem}.
La copia de seguridad válida más reciente es {backup}. Restaurarla reemplaza la base de datos; el archivo actual se conserva en la carpeta de copias de seguridad.</translation>
    </message>
    <message>
      <source>{procedure}</source>
      <translation>{procedure}</translation>
    </message>
    <message>
      <source>{procedure} ({details})</source>
      <translation>{procedure} ({details})</translation>
    </message>
    <message>
      <source>{source} cannot be restored: {reason}. Nothing was changed.</source>
      <translation>{source} no se puede restaurar: {reason}. No se modificó nada.</translation>
    </message>
    <message>
      <source>{source} is the database itself; choose a backup file. Nothing was changed.</source>
      <translation>{source} es la propia base de datos; elija un archivo de copia de seguridad. No se modificó nada.</translation>
    </message>
    <message>
      <source>{source}: columns not imported (unknown): {columns}</source>
      <translation>{source}: columnas no importadas (desconocidas): {columns}</translation>
    </message>
    <message>
      <source>{source}: {table} ({details})</source>
      <translation>{source}: {table} ({details})</translation>
    </message>
    <message>
      <source>{table}: {rows} rows read, added {new}, {duplicates} already there (skipped)</source>
      <translation>{table}: {rows} filas leídas, se añadieron {new}, {duplicates} ya estaban (omitidas)</translation>
    </message>
    <message>
      <source>{table}: {rows} rows read, would add {new}, {duplicates} already there (skipped)</source>
      <translation>{table}: {rows} filas leídas, se añadirían {new}, {duplicates} ya estaban (omitidas)</translation>
    </message>
    <message>
      <source>{target} is in use (Barium Tracker or another program has it open on this or another workstation). Close it everywhere, then restore again. Nothing was changed.</source>
      <translation>{target} está en uso (Barium Tracker u otro programa lo tiene abierto en esta u otra estación de trabajo). Ciérrelo en todas partes y restaure de nuevo. No se modificó nada.</translation>
    </message>
    <message>
      <source>{target} is not a Barium Tracker database ({detail}): it may be another program's file. To replace it all the same, restore again with --force (the replaced file is kept in backups/). Nothing was changed.</source>
      <translation>{target} no es una base de datos de Barium Tracker ({detail}): puede ser el archivo de otro programa. Para reemplazarlo de todos modos, restaure de nuevo con --force (el archivo reemplazado se conserva en backups/). No se modificó nada.</translation>
    </message>
    <message>
      <source>{target} is read-only here (its permissions, or a read-only disk or share), so it cannot be replaced. Make it writable, then restore again. Nothing was changed.</source>
      <translation>{target} es de solo lectura aquí (sus permisos, o un disco o carpeta compartida de solo lectura), así que no se puede reemplazar. Permita escribir en él y restaure de nuevo. No se modificó nada.</translation>
    </message>
    <message>
      <source>{target} was written by a newer version of Barium Tracker (schema {revision}; this version knows schemas up to {head}): a backup restored over it would replace newer data. To replace it all the same, restore again with --force (the replaced file is kept in backups/). Nothing was changed.</source>
      <translation>{target} fue escrito por una versión más reciente de Barium Tracker (esquema {revision}; esta versión conoce esquemas hasta {head}): una copia restaurada encima reemplazaría datos más recientes. Para reemplazarlo de todos modos, restaure de nuevo con --force (el archivo reemplazado se conserva en backups/). No se modificó nada.</translation>
    </message>
    <message>
      <source>{value!l} access</source>
      <translation>acceso {value!l}</translation>
    </message>
    <message>
      <source>{value}</source>
      <translation>{value}</translation>
    </message>
    <message>
      <source>{value} gastric</source>
      <translation>{value} en el lado gástrico</translation>
    </message>
    <message>
      <source>{value} injection sites</source>
      <translation>{value} puntos de inyección</translation>
    </message>
    <message>
      <source>{where}, column {column}, value '{value}': {reason}</source>
      <translation>{where}, columna {column}, valor '{value}': {reason}</translation>
    </message>
    <message>
      <source>{where}, column {column}: {reason}</source>
      <translation>{where}, columna {column}: {reason}</translation>
    </message>
    <message>
      <source>{where}, value '{value}': {reason}</source>
      <translation>{where}, valor '{value}': {reason}</translation>
    </message>
    <message>
      <source>{where}: {reason}</source>
      <translation>{where}: {reason}</translation>
    </message>
  </context>
</TS>
