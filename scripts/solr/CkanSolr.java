import java.nio.file.Path;
import java.util.Properties;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

// Starts a standalone Solr (context /solr, 127.0.0.1) on the given solr home and port.
public class CkanSolr {
  public static void main(String[] a) throws Exception {
    String home = Path.of(a[0]).toAbsolutePath().toString();
    JettyConfig config = JettyConfig.builder().setPort(Integer.parseInt(a[1])).setContext("/solr")
        .stopAtShutdown(true).build();
    JettySolrRunner solr = new JettySolrRunner(home, new Properties(), config);
    solr.start();
    System.out.println("Solr on 127.0.0.1:" + solr.getLocalPort() + "/solr");
    Thread.currentThread().join();
  }
}
