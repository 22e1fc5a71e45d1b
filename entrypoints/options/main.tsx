import { render } from 'preact';
import { OptionsApp } from '../../components/options/OptionsApp';
import { extensionCorpusApi } from '../../components/options/extension-api';

render(<OptionsApp api={extensionCorpusApi()} />, document.getElementById('app')!);
